using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>The acting user's alerts: unacknowledged first, then newest first, paged.</summary>
public sealed class ListAlerts(OneStopDbContext db)
{
    /// <param name="PageNumber">From 0.</param>
    public sealed record Query(int PageNumber, int PageSize);

    /// <summary>A page of alerts, and how many of the user's alerts are not yet acknowledged (for a badge).</summary>
    public sealed record AlertPage(IReadOnlyList<AlertView> Items, int TotalCount, int PageNumber, int PageSize, int UnacknowledgedCount);

    public async Task<Result<AlertPage>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var mine = db.Set<AlertRow>().AsNoTracking().Where(a => a.Recipient == actor.UserName);
        var total = await mine.CountAsync(ct);
        var unacknowledged = await mine.CountAsync(a => a.AcknowledgedAt == null, ct);
        var rows = await mine.OrderBy(a => a.AcknowledgedAt == null ? 0 : 1).ThenByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip(Page.Skip(query.PageNumber, query.PageSize)).Take(query.PageSize).ToListAsync(ct);
        var numbers = await CaseNumbers.LoadAsync(db, rows.Select(a => a.CaseId), ct);
        return new AlertPage(rows.Select(a => AlertView.From(a, numbers.GetValueOrDefault(a.CaseId))).ToList(), total, query.PageNumber, query.PageSize, unacknowledged);
    }
}
