using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// The performance-figure rules (domain-rules §3) that <see cref="GetFigures"/> and <see cref="GetFigureSeries"/> share: which cases
/// count (completed, decided in [from, to], visible to the actor), when one is on time, early or overdue, its working days, and the
/// signals fired on it. See <see cref="GetFigures"/> for the definitions.
/// </summary>
internal static class FigureRules
{
    /// <summary>What one completed case contributes, under the group key it was given.</summary>
    public sealed record CaseFacts(string Key, bool OnTime, bool Early, bool StatutoryOverdue, int NetWorkingDays, int SuspendedWorkingDays, Guid CaseId);

    /// <summary>The case fields a group key may use.</summary>
    public sealed record CompletedCase(string LeadDepartment, string ServiceItemCode, LocalDate DecisionDate);

    /// <summary>The facts of every visible case decided on a day in [first, last], keyed by <paramref name="key"/>, and the levels of the signals fired on them.</summary>
    public static async Task<(List<CaseFacts> Facts, List<(Guid CaseId, SignalLevel Level)> Signals)> LoadAsync(
        OneStopDbContext db, WorkingDayCalendar calendar, Actor actor, LocalDate first, LocalDate last, Func<CompletedCase, string> key, CancellationToken ct)
    {
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
                key(new CompletedCase(c.LeadDepartment, c.ServiceItemCode, decided)),
                measure is null || decided <= measure,
                measure is { } m && decided < m,
                deadlines?.StatutoryDue is { } s && decided > s,
                net,
                elapsed - net,
                c.Id.Value);
        }).ToList();
        return (facts, signals);
    }

    /// <summary>The figures of a group of cases (all zero for none).</summary>
    public static GetFigures.Figures Summarise(string key, IReadOnlyList<CaseFacts> facts, IReadOnlyList<(Guid CaseId, SignalLevel Level)> signals)
    {
        var completed = facts.Count;
        var ids = facts.Select(f => f.CaseId).ToHashSet();
        var fired = signals.Where(s => ids.Contains(s.CaseId)).ToList();
        var onTime = facts.Count(f => f.OnTime);
        var early = facts.Count(f => f.Early);
        var net = facts.Sum(f => f.NetWorkingDays);
        var suspended = facts.Sum(f => f.SuspendedWorkingDays);
        return new GetFigures.Figures(
            key, completed, onTime, Rate(onTime, completed), early, Rate(early, completed), facts.Count(f => f.StatutoryOverdue),
            completed == 0 ? 0 : Math.Round((double)net / completed, 2), Rate(suspended, net + suspended),
            fired.Count(s => s.Level == SignalLevel.Prompt), fired.Count(s => s.Level == SignalLevel.Yellow), fired.Count(s => s.Level == SignalLevel.Red));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
