using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Cases visible to the user, newest first, paged; personal data masked.</summary>
public static class ListCases
{
    public sealed record Page(IReadOnlyList<CaseSummary> Items, int TotalCount, int PageNumber, int PageSize);

    public static void MapListCases(this RouteGroupBuilder api) =>
        api.MapGet("/cases", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListCases").WithSummary("Cases by status, service item and department (paged, 0-based page).")
            .Produces<Page>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, IDbContextFactory<OneStopDbContext> contexts, string? status, string? serviceItem,
        string? department, string? page, string? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!CaseAccess.SeesCases(user))
        {
            return Problems.Forbidden("Designers do not see applicants' cases.");
        }

        CaseStatus? wanted = null;
        var errors = new Dictionary<string, string[]>();
        if (status is not null)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                errors["status"] = [$"Unknown status '{InputText.Quote(status)}'; one of {string.Join(", ", Enum.GetNames<CaseStatus>())}."];
            }

            wanted = parsed;
        }

        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

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
        var items = await query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Number).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        return Results.Ok(new Page(items.Select(CaseSummary.From).ToList(), total, paging.Number, paging.Size));
    }
}
