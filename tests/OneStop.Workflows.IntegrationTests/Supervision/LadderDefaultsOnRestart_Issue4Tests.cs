using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 4, "the card ladder (defaults; per service item configurable)": a server restarted with other centre defaults
/// (<c>Supervision:Ladder:*</c>) re-plans the running clocks' pending signals once, audited; a restart with the same
/// defaults changes nothing.
/// </summary>
public sealed class LadderDefaultsOnRestart_Issue4Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task RestartWithOtherDefaults_MovesPendingPrompts_Once()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        (await CasePromptAsync(id)).Should().Be(At("2025-10-10T00:00:00"), "the default lead: the start of the promised due day");
        (await LadderEventsAsync()).Should().ContainSingle("the first start recorded the defaults");

        var twoDaysLead = new Dictionary<string, string?> { ["Supervision:Ladder:PromptLeadWorkingDays"] = "2" };
        await using (var restarted = new OneStopApiFactory("PostgreSql", Factory.ConnectionString, twoDaysLead))
        {
            restarted.Clock.Reset(At("2025-09-29T09:00:00"));
            _ = restarted.Server; // starts it: start-up puts the defaults in force
        }

        (await CasePromptAsync(id)).Should().Be(At("2025-10-09T00:00:00"), "a lead of 2 WD: the start of the working day before the due day");
        var events = await LadderEventsAsync();
        events.Should().HaveCount(2);
        events[^1].Reason.Should().Contain("2 running clock(s) re-planned", "the case clock and its review's step clock").And.Contain("\"PromptLeadWorkingDays\":1");

        await using (var again = new OneStopApiFactory("PostgreSql", Factory.ConnectionString, twoDaysLead))
        {
            _ = again.Server;
        }

        (await LadderEventsAsync()).Should().HaveCount(2, "the same defaults again change nothing");
        (await CasePromptAsync(id)).Should().Be(At("2025-10-09T00:00:00"));
    }

    private async Task<NodaTime.Instant> CasePromptAsync(string caseId) =>
        (await SignalsAsync(caseId)).Single(s => s.Rule == SignalRules.CasePrompt).DueAt;

    private Task<List<Domain.Audit.AuditEvent>> LadderEventsAsync() =>
        InDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.LadderDefaultsInForce).OrderBy(e => e.Id).ToListAsync());
}
