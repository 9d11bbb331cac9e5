using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 4, benchmark line: on PostgreSQL the sweeper writes a batch's audit events and alerts with binary COPY instead
/// of EF inserts. The rows read back through EF must be exactly what the sweep meant to write, every column.
/// </summary>
public sealed class SweepBulkWrite_Issue4Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task FiredSignals_AuditEventsAndAlerts_ReadBackColumnForColumn()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var caseGuid = Guid.Parse(id);
        SetClock("2025-10-11T00:00:00"); // the case's prompt and yellow card are due, and the reviews' step signals
        (await SweepAsync()).Should().BeGreaterThan(1);

        var fired = (await SignalsAsync(id)).Where(s => s.FiredAt is not null).ToList();
        fired.Should().Contain(s => s.Rule == SignalRules.CaseYellow);
        var (events, alerts) = await InDbAsync(async db => (
            await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == caseGuid && e.Actor == "system" && e.Action.EndsWith("Raised")).ToListAsync(),
            await db.Set<AlertRow>().AsNoTracking().Where(a => a.CaseId == caseGuid).ToListAsync()));

        events.Should().HaveCount(fired.Count);
        foreach (var signal in fired)
        {
            var audit = events.Should().ContainSingle(e => e.Subject == signal.SubjectId.ToString() && e.Action == $"{signal.Level}Raised").Subject;
            audit.At.Should().Be(signal.FiredAt!.Value);
            audit.Reason.Should().Be(signal.Basis);
            audit.Visibility.Should().Be(AuditVisibility.Internal);
            audit.PublicText.Should().BeNull();
            audit.Details.Should().Be(System.Text.Json.JsonSerializer.Serialize(new { signal.Rule, level = signal.Level.ToString(), dueAt = signal.DueAt.ToString() }));

            var mine = alerts.Where(a => a.SignalId == signal.Id).ToList();
            mine.Should().NotBeEmpty($"{signal.Rule} is a card and somebody is told");
            mine.Should().AllSatisfy(a =>
            {
                a.Level.Should().Be(signal.Level);
                a.Rule.Should().Be(signal.Rule);
                a.Basis.Should().Be(signal.Basis);
                a.CreatedAt.Should().Be(signal.FiredAt!.Value);
                a.AcknowledgedAt.Should().BeNull();
                a.AcknowledgedBy.Should().BeNull();
            });
        }

        (await RecipientsAsync(id))[SignalRules.CaseYellow].Should().Contain("supervisor", "yellow cards go to the supervisors");
    }
}
