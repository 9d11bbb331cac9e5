using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>Fired supervision signals (immutable events) of the cases the actor sees, newest first, filtered and paged; for supervisors and department heads.</summary>
public sealed class ListSignals(OneStopDbContext db, CentreTimeZone centre)
{
    /// <param name="From">The first fired day (centre's zone), inclusive.</param>
    /// <param name="To">The last fired day (centre's zone), inclusive.</param>
    /// <param name="PageNumber">From 0.</param>
    public sealed record Query(SignalLevel? Level, string? Department, string? ServiceItem, LocalDate? From, LocalDate? To, int PageNumber, int PageSize);

    /// <param name="Department">The review's department for a step signal, the case's lead department for a case signal.</param>
    /// <param name="SubjectId">The case id (as in the case routes) for a case signal, the review task's id for a step signal.</param>
    public sealed record SignalView(
        string Id, string CaseId, string CaseNumber, string ServiceItem, string Department, string SubjectKind, string SubjectId,
        string Rule, string Level, string Basis, string DueAt, string FiredAt);

    public async Task<Result<Page<SignalView>>> ExecuteAsync(Query q, Actor actor, CancellationToken ct)
    {
        if (SupervisionAccess.CheckReader(actor) is { } refusal)
        {
            return refusal;
        }

        // Signals name their case; a step signal's subject is the review task (and so its department). Deemed actions
        // are listed like every other signal: a deemed acceptance has no clock (none runs before acceptance).
        var query =
            from s in db.Signals.AsNoTracking()
            where s.FiredAt != null
            // (Guid)(object) lets EF compare the converted CaseId / TaskId columns with the signal's Guid columns (same uuid in SQL).
            join c in CaseAccess.Visible(db, actor) on s.CaseId equals (Guid)(object)c.Id
            join t in db.Tasks on (s.SubjectKind == ClockKind.Step ? (Guid?)s.SubjectId : null) equals (Guid?)(object)t.Id into tasks
            from t in tasks.DefaultIfEmpty()
            select new { Signal = s, c.Number, c.ServiceItemCode, Department = t == null ? c.LeadDepartment : t.Department };
        if (q.Level is { } l)
        {
            query = query.Where(x => x.Signal.Level == l);
        }

        if (!string.IsNullOrWhiteSpace(q.Department))
        {
            query = query.Where(x => x.Department == q.Department);
        }

        if (!string.IsNullOrWhiteSpace(q.ServiceItem))
        {
            query = query.Where(x => x.ServiceItemCode == q.ServiceItem);
        }

        if (q.From is { } f)
        {
            var start = f.AtStartOfDayInZone(centre.Zone).ToInstant();
            query = query.Where(x => x.Signal.FiredAt >= start);
        }

        if (q.To is { } t2)
        {
            var end = t2.PlusDays(1).AtStartOfDayInZone(centre.Zone).ToInstant();
            query = query.Where(x => x.Signal.FiredAt < end);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.Signal.FiredAt).ThenByDescending(x => x.Signal.DueAt).ThenBy(x => x.Signal.Rule).ThenBy(x => x.Signal.Id)
            .Skip(Page.Skip(q.PageNumber, q.PageSize)).Take(q.PageSize).ToListAsync(ct);
        var items = rows.Select(x => new SignalView(
            x.Signal.Id.ToString(), new CaseId(x.Signal.CaseId).ToString(), x.Number, x.ServiceItemCode, x.Department, x.Signal.SubjectKind.ToString(),
            x.Signal.SubjectKind == ClockKind.Case ? new CaseId(x.Signal.SubjectId).ToString() : x.Signal.SubjectId.ToString(),
            x.Signal.Rule, x.Signal.Level.ToString(), x.Signal.Basis, x.Signal.DueAt.ToString(), x.Signal.FiredAt!.Value.ToString())).ToList();
        return new Page<SignalView>(items, total, q.PageNumber, q.PageSize);
    }
}
