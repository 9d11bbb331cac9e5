using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Cases visible to the user, newest first, paged; personal data masked.</summary>
public static class ListCases
{
    public const int MaxPageSize = 200;

    public sealed record Page(IReadOnlyList<CaseSummary> Items, int TotalCount, int PageNumber, int PageSize);

    public static void MapListCases(this RouteGroupBuilder api) =>
        api.MapGet("/cases", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListCases").WithSummary("Cases by status, service item and department (paged, 0-based page).")
            .Produces<Page>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, IDbContextFactory<OneStopDbContext> contexts, string? status, string? serviceItem,
        string? department, int? page, int? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!CaseAccess.SeesCases(user))
        {
            return Problems.Forbidden("Designers do not see applicants' cases.");
        }

        CaseStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed))
            {
                return Problems.BadRequest($"Unknown status '{status}'; one of {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
            }

            wanted = parsed;
        }

        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var number = Math.Max(page ?? 0, 0);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = CaseAccess.Visible(db, user).AsNoTracking();
        if (wanted is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (serviceItem is not null)
        {
            query = query.Where(c => c.ServiceItemCode == serviceItem);
        }

        if (department is not null)
        {
            query = query.Where(c => c.LeadDepartment == department || db.Tasks.Any(t => t.CaseId == c.Id && t.Department == department));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Number).Skip(number * size).Take(size).ToListAsync(ct);
        return Results.Ok(new Page(items.Select(CaseSummary.From).ToList(), total, number, size));
    }
}
