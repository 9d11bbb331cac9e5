using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// Performance figures (domain-rules §3) over the cases completed (办结, decision issued) on a day in [from, to], per lead
/// department or per service item: on-time and early-completion rates against the promise, statutory overdue count,
/// average working days used net of suspensions, share of time suspended, and the signals fired on those cases.
/// </summary>
/// <remarks>
/// A case is on time when its decision date is on or before the promised due day of its case clock as derived now
/// (suspensions and the extension included), early when before it. A case without a promised limit is measured against
/// its statutory limit, and one without either counts as on time and not early. Overdue = decision after the statutory due day.
/// </remarks>
public sealed class GetFigures(OneStopDbContext db, EffectiveCalendarStore officialCalendar)
{
    /// <param name="From">The first decision day, inclusive.</param>
    /// <param name="To">The last decision day, inclusive.</param>
    /// <param name="ByServiceItem">Group by service item instead of lead department.</param>
    public sealed record Query(LocalDate From, LocalDate To, bool ByServiceItem);

    public sealed record Figures(
        string Key, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyCompletionRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, double SuspendedShare, int Prompts, int YellowCards, int RedCards);

    public sealed record Response(string From, string To, string GroupBy, IReadOnlyList<Figures> Groups, Figures Total);

    private sealed record CaseFacts(string Key, bool OnTime, bool Early, bool StatutoryOverdue, int NetWorkingDays, int SuspendedWorkingDays, Guid CaseId);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (SupervisionAccess.CheckReader(actor) is { } refusal)
        {
            return refusal;
        }

        var byItem = query.ByServiceItem;
        var (first, last) = (query.From, query.To);
        var cases = await CaseAccess.Visible(db, actor).AsNoTracking()
            .Where(c => c.Status == CaseStatus.Completed && c.DecisionDate >= first && c.DecisionDate <= last)
            .Select(c => new { c.Id, c.LeadDepartment, c.ServiceItemCode, c.AcceptanceDate, c.DecisionDate })
            .ToListAsync(ct);

        var clocks = new Dictionary<CaseId, Clock>();
        var signals = new List<(Guid CaseId, SignalLevel Level)>();
        foreach (var chunk in cases.Select(c => c.Id).Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var clock in await db.Clocks.AsNoTracking().Where(k => k.Kind == ClockKind.Case && ids.Contains(k.CaseId)).ToListAsync(ct))
            {
                clocks[clock.CaseId] = clock;
            }

            var guids = ids.Select(i => i.Value).ToList();
            signals.AddRange((await db.Signals.AsNoTracking().Where(s => s.FiredAt != null && guids.Contains(s.CaseId))
                .Select(s => new { s.CaseId, s.Level }).ToListAsync(ct)).Select(s => (s.CaseId, s.Level)));
        }

        var calendar = await officialCalendar.CurrentAsync(ct);
        var facts = cases.Select(c =>
        {
            var decided = c.DecisionDate!.Value;
            var accepted = c.AcceptanceDate ?? decided;
            var clock = clocks.GetValueOrDefault(c.Id);
            var deadlines = clock?.Deadlines(calendar);
            var measure = deadlines?.PromisedDue ?? deadlines?.StatutoryDue;
            var suspensions = clock?.Suspensions.Where(s => s.From <= decided)
                .Select(s => new DateRange(s.From, s.To is { } end && end < decided ? end : decided)).ToList() ?? [];
            var elapsed = calendar.WorkingDaysBetween(accepted, decided);
            var net = calendar.WorkingDaysBetween(accepted, decided, suspensions);
            return new CaseFacts(
                byItem ? c.ServiceItemCode : c.LeadDepartment,
                measure is null || decided <= measure,
                measure is { } m && decided < m,
                deadlines?.StatutoryDue is { } s && decided > s,
                net,
                elapsed - net,
                c.Id.Value);
        }).ToList();

        var groups = facts.GroupBy(f => f.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g.ToList(), signals)).ToList();
        return new Response(IsoDate.Format(first), IsoDate.Format(last), byItem ? "serviceItem" : "department", groups, Summarise("total", facts, signals));
    }

    private static Figures Summarise(string key, IReadOnlyList<CaseFacts> facts, IReadOnlyList<(Guid CaseId, SignalLevel Level)> signals)
    {
        var completed = facts.Count;
        var ids = facts.Select(f => f.CaseId).ToHashSet();
        var fired = signals.Where(s => ids.Contains(s.CaseId)).ToList();
        var onTime = facts.Count(f => f.OnTime);
        var early = facts.Count(f => f.Early);
        var net = facts.Sum(f => f.NetWorkingDays);
        var suspended = facts.Sum(f => f.SuspendedWorkingDays);
        return new Figures(
            key, completed, onTime, Rate(onTime, completed), early, Rate(early, completed), facts.Count(f => f.StatutoryOverdue),
            completed == 0 ? 0 : Math.Round((double)net / completed, 2), Rate(suspended, net + suspended),
            fired.Count(s => s.Level == SignalLevel.Prompt), fired.Count(s => s.Level == SignalLevel.Yellow), fired.Count(s => s.Level == SignalLevel.Red));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
