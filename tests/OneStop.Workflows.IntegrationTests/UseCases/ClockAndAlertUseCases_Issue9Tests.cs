using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 9: suspend, end a suspension, extend and acknowledge called as use cases (no HTTP) — the same authorization and
/// refusals as the routes. The food licence is led by market; the investment project is led by drc and reviewed by ecology.
/// </summary>
public sealed class ClockAndAlertUseCases_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task Suspend_ThenEnd_ByTheLeadHead_MovesTheStatutoryDue_AndSuspendingTwiceIsAConflict()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(CentreTime.At("2025-10-13T09:00"));

        var suspended = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(id, SuspensionType.ExpertReview, null, null, 5, "Expert review of the kitchen design 专家评审"), Head("market"), default));
        suspended.Refusal.Should().BeNull();
        suspended.Value!.Clocks.Should().NotBeEmpty().And.OnlyContain(c => c.Suspended);
        var suspension = suspended.Value.Clocks.Single(c => c.Kind == nameof(ClockKind.Case)).Suspensions.Single();
        suspension.From.Should().Be("2025-10-13", "without a start day the suspension starts today in the centre");
        suspension.Id.Should().Be(suspended.Value.SuspensionId);

        var again = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(id, SuspensionType.ExpertReview, null, null, 5, "Once more"), Clerk("market"), default));
        again.Refusal.Should().BeEquivalentTo(new { Kind = RefusalKind.Conflict, Code = RefusalCodes.ClockSuspended });

        Factory.Clock.Reset(CentreTime.At("2025-10-17T17:00"));
        var ended = await Run<EndSuspension, Result<CaseClocks>>(u => u.ExecuteAsync(
            new(id, suspended.Value.SuspensionId, new LocalDate(2025, 10, 17)), Head("market"), default));
        ended.Refusal.Should().BeNull();
        var caseClock = ended.Value!.Clocks.Single(c => c.Kind == nameof(ClockKind.Case));
        caseClock.Suspended.Should().BeFalse();
        caseClock.StatutoryDue.Should().Be("2025-11-06", "the five suspended working days 10-13..10-17 do not count");
        caseClock.Suspensions.Single().EndedBy.Should().Be("head.market");

        var endedAgain = await Run<EndSuspension, Result<CaseClocks>>(u => u.ExecuteAsync(
            new(id, suspended.Value.SuspensionId, null), Head("market"), default));
        endedAgain.Refusal.Should().BeEquivalentTo(new { Kind = RefusalKind.Conflict, Code = RefusalCodes.SuspensionNotOpen });
        (await ActionsAsync(id)).Should().Contain([AuditActions.ClockSuspended, AuditActions.SuspensionEnded]);
    }

    [Fact]
    public async Task Suspend_ByAnotherDepartment_IsForbiddenWhenItSeesTheCase_NotFoundWhenItDoesNot_AndChangesNothing()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.drc", "investment-project-approval");
        SuspendClock.Command command = new(id, SuspensionType.Inspection, null, null, 5, "Inspection notice 检验通知");

        var reviewing = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(command, Head("ecology"), default));
        var unrelated = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(command, Head("market"), default));

        reviewing.Refusal!.Kind.Should().Be(RefusalKind.Forbidden, "ecology reviews the project but does not lead it");
        reviewing.Refusal.Message.Should().Contain("drc");
        unrelated.Refusal!.Kind.Should().Be(RefusalKind.NotFound, "market has no part in the project, so the case is not visible to it");
        var clocks = await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Head("drc"), default));
        clocks.Value!.Items.Should().NotBeEmpty().And.OnlyContain(c => !c.Suspended && c.Suspensions.Count == 0);
    }

    [Fact]
    public async Task Suspend_WithoutTypeDaysOrNotice_IsInvalid_ByField()
    {
        var refused = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(Guid.NewGuid().ToString(), null, null, null, 0, " "), Head("market"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors!.Keys.Should().BeEquivalentTo("type", "expectedWorkingDays", "notice");
    }

    [Fact]
    public async Task Extend_ByTheLeadHead_Once_TheSecondIsAnAuditedConflict_AndTheWindowMayNot()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var statutoryBefore = (await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(id), Head("market"), default)))
            .Value!.Items.Single(c => c.Kind == nameof(ClockKind.Case)).StatutoryDue;

        var window = await Run<ExtendDeadline, Result<CaseClocks>>(u => u.ExecuteAsync(new(id, 10, "Second site visit"), Clerk("market"), default));
        var extended = await Run<ExtendDeadline, Result<CaseClocks>>(u => u.ExecuteAsync(new(id, 10, "Second site visit"), Head("market"), default));
        var second = await Run<ExtendDeadline, Result<CaseClocks>>(u => u.ExecuteAsync(new(id, 5, "Again"), Head("market"), default));

        window.Refusal!.Kind.Should().Be(RefusalKind.Forbidden, "only the lead department's head approves an extension");
        var caseClock = extended.Value!.Clocks.Single(c => c.Kind == nameof(ClockKind.Case));
        caseClock.Extension.Should().BeEquivalentTo(new { WorkingDays = 10, ApprovedBy = "head.market", Reason = "Second site visit" });
        var expected = WorkingDayCalendar.Shipped.Due(new LocalDate(2025, 9, 26), 30, TimeUnit.WorkingDays).Due;
        caseClock.StatutoryDue.Should().Be(IsoText(expected)).And.NotBe(statutoryBefore);
        second.Refusal.Should().BeEquivalentTo(new { Kind = RefusalKind.Conflict, Code = RefusalCodes.ExtensionAlreadyGranted });
        (await ActionsAsync(id)).Where(a => a is AuditActions.DeadlineExtended or AuditActions.ExtensionRefused)
            .Should().Equal(AuditActions.DeadlineExtended, AuditActions.ExtensionRefused);
    }

    [Fact]
    public async Task Acknowledge_ByTheRecipient_Once_OthersAreForbidden_UnknownIsNotFound()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(CentreTime.At("2025-10-14T00:00"));
        await Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
        var mine = await Run<ListAlerts, Result<ListAlerts.AlertPage>>(u => u.ExecuteAsync(new(0, 20), Head("market"), default));
        var alert = mine.Value!.Items.Should().Contain(a => a.CaseId == id && a.Rule == SignalRules.CaseRed).Which;

        var first = await Run<AcknowledgeAlert, Result<AlertView>>(u => u.ExecuteAsync(new(alert.Id), Head("market"), default));
        Factory.Clock.AdvanceHours(2);
        var again = await Run<AcknowledgeAlert, Result<AlertView>>(u => u.ExecuteAsync(new(alert.Id), Head("market"), default));
        var otherDepartment = await Run<AcknowledgeAlert, Result<AlertView>>(u => u.ExecuteAsync(new(alert.Id), Head("ecology"), default));
        var unknown = await Run<AcknowledgeAlert, Result<AlertView>>(u => u.ExecuteAsync(new(Guid.NewGuid().ToString()), Head("market"), default));

        first.Value!.AcknowledgedBy.Should().Be("head.market");
        first.Value.AcknowledgedAt.Should().Be(CentreTime.At("2025-10-14T00:00").ToString());
        again.Value.Should().BeEquivalentTo(first.Value, "acknowledging again answers the first acknowledgement");
        otherDepartment.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        unknown.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        (await ActionsAsync(id)).Count(a => a == AuditActions.AlertAcknowledged).Should().Be(1, "only the first acknowledgement is audited");
        var after = await Run<ListAlerts, Result<ListAlerts.AlertPage>>(u => u.ExecuteAsync(new(0, 20), Head("market"), default));
        after.Value!.UnacknowledgedCount.Should().Be(mine.Value.UnacknowledgedCount - 1);
    }

    private static string IsoText(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    /// <summary>The case's audit actions, oldest first.</summary>
    private async Task<List<string>> ActionsAsync(string caseId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var id = Guid.Parse(caseId);
        return await db.AuditEvents.Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }
}
