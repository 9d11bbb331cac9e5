using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Case search: the cases visible to the actor, newest first, paged (0-based); personal data masked.</summary>
public sealed class ListCases(OneStopDbContext db)
{
    /// <summary>Filters (null: any) and the page; the page values are already checked by the caller's paging rule.</summary>
    public sealed record Query(CaseStatus? Status, string? ServiceItem, string? Department, int PageNumber, int PageSize);

    public sealed record Page(IReadOnlyList<CaseSummary> Items, int TotalCount, int PageNumber, int PageSize);

    public async Task<Result<Page>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (!CaseAccess.SeesCases(actor))
        {
            return Refusal.Forbidden("Designers do not see applicants' cases.");
        }

        var cases = CaseAccess.Visible(db, actor).AsNoTracking();
        if (query.Status is { } s)
        {
            cases = cases.Where(c => c.Status == s);
        }

        if (query.ServiceItem is { } serviceItem)
        {
            cases = cases.Where(c => c.ServiceItemCode == serviceItem);
        }

        if (query.Department is { } department)
        {
            cases = cases.Where(c => c.LeadDepartment == department || db.Tasks.Any(t => t.CaseId == c.Id && t.Department == department));
        }

        await using var read = await db.ReadTransactionAsync(ct);
        var total = await cases.CountAsync(ct);
        var skip = checked((int)((long)query.PageNumber * query.PageSize));
        var items = await cases.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Number).Skip(skip).Take(query.PageSize).ToListAsync(ct);
        await read.CompleteAsync(ct);
        return new Page(items.Select(CaseSummary.From).ToList(), total, query.PageNumber, query.PageSize);
    }
}
