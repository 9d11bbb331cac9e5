using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>Several sweepers at once (as on several nodes) share the due rows through FOR UPDATE SKIP LOCKED: each signal fires once.</summary>
public sealed class ConcurrentSweepTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const int Rows = 10_000;
    private const string Rule = "test.concurrent-sweep";

    [Fact]
    public async Task Sweepers_RunningAtOnce_RaiseEachSignalOnce()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var caseGuid = Guid.Parse(id);
        var clockId = (await SignalsAsync(id)).First(s => s.SubjectKind == ClockKind.Case).ClockId;
        var now = Factory.Clock.GetCurrentInstant();
        await InDbAsync(async db =>
        {
            db.Signals.AddRange(Enumerable.Range(0, Rows).Select(i => new SignalRow
            {
                Id = new SignalId(Guid.CreateVersion7()),
                CaseId = caseGuid,
                ClockId = clockId,
                SubjectId = Guid.NewGuid(),
                SubjectKind = ClockKind.Case,
                Rule = Rule,
                Level = SignalLevel.Prompt,
                DueAt = now - NodaTime.Duration.FromMinutes(i % 60 + 1),
                Basis = "Concurrency test row.",
                CreatedAt = now,
            }));
            return await db.SaveChangesAsync();
        });

        var sweeper = Factory.Services.GetRequiredService<DeadlineSweeper>();
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => sweeper.SweepAsync())));

        counts.Sum().Should().Be(Rows, "every due row is raised by exactly one of the sweepers");
        var (pending, fired, distinctFired) = await InDbAsync(async db =>
        {
            var rows = db.Signals.Where(s => s.Rule == Rule);
            return (await rows.CountAsync(s => s.FiredAt == null), await rows.CountAsync(s => s.FiredAt != null),
                await rows.Where(s => s.FiredAt != null).Select(s => s.SubjectId).Distinct().CountAsync());
        });
        pending.Should().Be(0);
        fired.Should().Be(Rows);
        distinctFired.Should().Be(Rows);

        var (audited, auditedSubjects, alerts) = await InDbAsync(async db =>
        {
            var events = db.AuditEvents.Where(e => e.CaseId == caseGuid && e.Action == "PromptRaised");
            return (await events.CountAsync(), await events.Select(e => e.Subject).Distinct().CountAsync(),
                await db.Set<AlertRow>().CountAsync(a => a.CaseId == caseGuid && a.Rule == Rule));
        });
        audited.Should().Be(Rows, "one PromptRaised audit event per signal, none twice");
        auditedSubjects.Should().Be(Rows);
        alerts.Should().Be(Rows, "a case prompt tells the lead department's one window clerk");

        (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => sweeper.SweepAsync())))).Sum().Should().Be(0, "a rerun fires none");
    }
}
