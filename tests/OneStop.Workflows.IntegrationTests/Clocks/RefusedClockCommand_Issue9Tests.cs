using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.IntegrationTests.UseCases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.Clocks;

/// <summary>
/// Issue 9: a clock command refused part-way (after it changed an earlier clock) changes nothing — no suspension, no audit,
/// no notice stored.
/// </summary>
public sealed class RefusedClockCommand_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task Suspend_RefusedOnALaterClock_LeavesTheEarlierClocksUnsuspended_AndRecordsNothing()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.drc", "investment-project-approval");
        var caseId = new CaseId(Guid.Parse(id));
        var (auditBefore, noticesBefore) = await RecordsAsync(caseId);

        // The last running clock (in the order the command reads them) starts after the suspension's first day, so the
        // command suspends the earlier clocks and is then refused on that one.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
            var running = await db.Clocks.Where(k => k.CaseId == caseId && k.StoppedAt == null).Select(k => k.Id).ToListAsync();
            running.Should().HaveCountGreaterThan(1, "the project has a case clock and review step clocks");
            var last = running[^1];
            await db.Clocks.Where(k => k.Id == last).ExecuteUpdateAsync(u => u.SetProperty(k => k.Start, new LocalDate(2025, 10, 6)));
        }

        Factory.Clock.Reset(CentreTime.At("2025-10-08T09:00"));
        var refused = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(id, SuspensionType.Inspection, null, new LocalDate(2025, 10, 1), 5, "Inspection notice 检验通知"), Head("drc"), default));

        refused.Refusal.Should().BeEquivalentTo(new { Kind = RefusalKind.Conflict, Code = RefusalCodes.SuspensionOverlap });
        var clocks = await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Head("drc"), default));
        clocks.Value!.Items.Should().NotBeEmpty().And.OnlyContain(c => !c.Suspended && c.Suspensions.Count == 0);
        (await RecordsAsync(caseId)).Should().Be((auditBefore, noticesBefore), "a refused command stores no audit event and no notice");
    }

    private async Task<(int Audit, int Notices)> RecordsAsync(CaseId caseId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        return (await db.AuditEvents.CountAsync(a => a.CaseId == caseId.Value), await db.Notifications.CountAsync(n => n.CaseId == caseId));
    }
}
