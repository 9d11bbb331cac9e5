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

        // The department (the review's for a step signal, the case's lead department for a case signal) and the service item
        // are stored on the signal when it fires (ADR 0010); a fired signal has an item exactly when its case exists. Only a
        // departmental actor's visibility asks for the case, and only the page's rows are joined for their case number.
        // Deemed actions are listed like every other signal: a deemed acceptance has no clock (none runs before acceptance).
        var query = db.Signals.AsNoTracking().Where(s => s.FiredAt != null && s.ServiceItem != null);
        if (!CaseAccess.SeesAllCases(actor))
        {
            var visible = CaseAccess.Visible(db, actor);
            // (Guid)(object) lets EF compare the converted CaseId column with the signal's Guid column (same uuid in SQL).
            query = query.Where(s => visible.Any(c => (Guid)(object)c.Id == s.CaseId));
        }

        if (q.Level is { } l)
        {
            query = query.Where(s => s.Level == l);
        }

        if (!string.IsNullOrWhiteSpace(q.Department))
        {
            query = query.Where(s => s.Department == q.Department);
        }

        if (!string.IsNullOrWhiteSpace(q.ServiceItem))
        {
            query = query.Where(s => s.ServiceItem == q.ServiceItem);
        }

        if (q.From is { } f)
        {
            var start = f.AtStartOfDayInZone(centre.Zone).ToInstant();
            query = query.Where(s => s.FiredAt >= start);
        }

        if (q.To is { } t2)
        {
            var end = t2.PlusDays(1).AtStartOfDayInZone(centre.Zone).ToInstant();
            query = query.Where(s => s.FiredAt < end);
        }

        var total = await query.CountAsync(ct);
        var page = query.OrderByDescending(s => s.FiredAt).ThenByDescending(s => s.DueAt).ThenBy(s => s.Rule).ThenBy(s => s.Id)
            .Skip(Page.Skip(q.PageNumber, q.PageSize)).Take(q.PageSize);
        var rows = await (from s in page
                          join c in db.Cases on s.CaseId equals (Guid)(object)c.Id
                          orderby s.FiredAt descending, s.DueAt descending, s.Rule, s.Id
                          select new { Signal = s, c.Number, ServiceItemCode = s.ServiceItem!, Department = s.Department ?? string.Empty })
            .ToListAsync(ct);
        var items = rows.Select(x => new SignalView(
            x.Signal.Id.ToString(), new CaseId(x.Signal.CaseId).ToString(), x.Number, x.ServiceItemCode, x.Department, x.Signal.SubjectKind.ToString(),
            x.Signal.SubjectKind == ClockKind.Case ? new CaseId(x.Signal.SubjectId).ToString() : x.Signal.SubjectId.ToString(),
            x.Signal.Rule, x.Signal.Level.ToString(), x.Signal.Basis, x.Signal.DueAt.ToString(), x.Signal.FiredAt!.Value.ToString())).ToList();
        return new Page<SignalView>(items, total, q.PageNumber, q.PageSize);
    }
}
