using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 12, scenario 4 (clock jumps), short version: the business clock — injected at the <see cref="IClock"/> boundary —
/// moves an hour back and an hour forward around the ladder's due instants while sweeps run. Nothing fires early, nothing
/// twice, nothing is lost, and each subject's prompt, yellow and red cards fire in the ladder's order.
/// </summary>
public sealed class ClockJumps_Issue12Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task JumpsBackAndForth_FireEachSignalOnce_NeverBeforeItsDueInstant_InLadderOrder()
    {
        SetClock("2025-09-26T09:00:00");
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence")));
        }

        // The food licence's ladder (centre defaults): step prompt 10-09 00:00, step yellow and case prompt 10-10 00:00,
        // case yellow 10-11 00:00, case red 10-14 00:00 (Shanghai). The walk jumps an hour either way across each.
        var walk = new (string At, int Fires)[]
        {
            ("2025-10-08T23:30:00", 0),
            ("2025-10-09T00:30:00", 3),  // +1 h over the step prompts
            ("2025-10-08T23:30:00", 0),  // -1 h: back before them; nothing fires again
            ("2025-10-09T00:30:00", 0),
            ("2025-10-09T23:30:00", 0),
            ("2025-10-10T00:30:00", 6),  // +1 h over the step yellow cards and the case prompts
            ("2025-10-09T23:30:00", 0),  // -1 h
            ("2025-10-10T23:30:00", 0),
            ("2025-10-11T00:30:00", 3),  // +1 h over the case yellow cards
            ("2025-10-13T23:30:00", 0),
            ("2025-10-13T22:30:00", 0),  // -1 h before a due instant: still nothing
            ("2025-10-14T00:30:00", 3),  // +2 h over the red cards
            ("2025-10-14T00:30:00", 0),
        };

        foreach (var (at, fires) in walk)
        {
            SetClock(at);
            var now = Factory.Clock.GetCurrentInstant();
            var fired = await SweepAsync();
            fired.Should().Be(fires, $"the sweep at {at} raises exactly what fell due since the last one");
            var early = await InDbAsync(db => db.Signals.AsNoTracking().CountAsync(s => cases.Contains(s.CaseId) && s.FiredAt != null && s.FiredAt < s.DueAt));
            early.Should().Be(0, $"no signal is raised before its due instant (after the sweep at {at})");
            var overdue = await InDbAsync(db => db.Signals.AsNoTracking().CountAsync(s => cases.Contains(s.CaseId) && s.FiredAt == null && s.Level != SignalLevel.Action && s.DueAt <= now));
            overdue.Should().Be(0, $"nothing due by {at} is left pending");
        }

        var signals = await InDbAsync(db => db.Signals.AsNoTracking().Where(s => cases.Contains(s.CaseId) && s.Level != SignalLevel.Action).ToListAsync());
        signals.Should().HaveCount(15).And.OnlyContain(s => s.FiredAt != null, "every ladder signal of the three cases fired");
        var raised = await InDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.CaseId != null && cases.Contains(a.CaseId.Value) && a.Actor == "system" && a.Action.EndsWith("Raised")).ToListAsync());
        raised.Should().HaveCount(15, "each signal is raised (and audited) once");
        foreach (var subject in signals.GroupBy(s => (s.SubjectId, s.SubjectKind)))
        {
            var byLevel = subject.OrderBy(s => s.Level).Select(s => s.FiredAt!.Value).ToList();
            byLevel.Should().BeInAscendingOrder($"{subject.Key.SubjectKind} {subject.Key.SubjectId}: prompt, then yellow, then red");
        }
    }
}
