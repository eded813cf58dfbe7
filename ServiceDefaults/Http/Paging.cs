using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Http;

/// <summary>A page of results with the total, so a client can render "page 2 of 7".</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>Paging query parameters: 1-based page number, page size 1–200 (default 50).</summary>
public readonly record struct PageRequest(int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;

    public void Validate(RequestValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.When(Page is < 1, "page", "Must be 1 or more.");
        validator.When(PageSize is < 1 or > MaxPageSize, "pageSize", $"Must be between 1 and {MaxPageSize}.");
    }

    public async Task<Page<T>> ApplyAsync<T>(IQueryable<T> ordered, CancellationToken cancellationToken)
    {
        var number = Page ?? 1;
        var size = PageSize ?? 50;
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, number, size, total);
    }
}
