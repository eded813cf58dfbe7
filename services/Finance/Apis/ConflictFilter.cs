using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Finance.Apis;

/// <summary>
/// Two requests changing the same budget, virement or target at the same moment: the second is refused with 409
/// problem+json (its transaction rolled back, nothing saved) rather than overwriting the first.
/// </summary>
internal sealed class ConflictFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.",
                detail: "Someone changed this at the same moment; nothing was saved. Reload and try again.");
        }
    }
}
