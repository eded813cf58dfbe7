using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Http;

/// <summary>A page of results with the total, so a client can render "page 2 of 7".</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>Paging query parameters: 1-based page number up to <see cref="MaxPage"/>, page size 1–200 (default 50).</summary>
public readonly record struct PageRequest(
    [property: Between(1, PageRequest.MaxPage)] int? Page,
    [property: Between(1, PageRequest.MaxPageSize)] int? PageSize)
{
    public const int MaxPageSize = 200;

    /// <summary>The last page number any list answers: its offset at the largest page size still fits an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public async Task<Page<T>> ApplyAsync<T>(IQueryable<T> ordered, CancellationToken cancellationToken)
    {
        var number = Math.Clamp(Page ?? 1, 1, MaxPage);
        var size = Math.Clamp(PageSize ?? 50, 1, MaxPageSize);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, number, size, total);
    }
}
