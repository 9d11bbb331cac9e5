using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Testing.Builders;
using static OneStop.Workflows.Domain.Tests.Cases.Steps.CaseStepHarness;

namespace OneStop.Workflows.Domain.Tests.Cases.Steps;

/// <summary>The case step from submission to acceptance: tasks, clocks, deemed acceptance and deemed consent (issue 9).</summary>
public class CaseStepAcceptance_Issue9Tests
{
    [Fact]
    public void Submission_AuditsReceipt_OpensTheAcceptanceTask_AndPlansDeemedAcceptance_OverTheMakeUpSunday()
    {
        // Received Monday 2025-09-22; Sunday 2025-09-28 is a make-up working day, so the 5th working day is that Sunday.
        var builder = new CaseBuilder().Received(I("2025-09-22T01:00:00Z"));
        var c = builder.Build();
        var facts = new StepFactsBuilder(c).Submission("clerk.market").OpensAcceptance().Build();

        var changes = CaseStep.Run(CaseWorkingSet.ForSubmission(c, builder.Item), facts, D("2025-09-22"), c.ReceivedAt, "Log", WorkingDayCalendar.Shipped, Day);

        changes.Audit.Select(a => (a.Action, a.Actor, a.PublicText)).Should().Equal(
            (AuditActions.CaseSubmitted, "clerk.market", "Application received 已收件"),
            (AuditActions.TaskCreated, SystemActor.Name, null));
        changes.NewTasks.Should().ContainSingle().Which.Should().Match<ApprovalTask>(t => t.Kind == TaskKind.Acceptance && t.Department == "market" && t.Status == ApprovalTaskStatus.Open);
        var signal = changes.PlannedSignals.Should().ContainSingle().Subject;
        signal.Rule.Should().Be(SignalRules.DeemedAcceptance);
        signal.SubjectId.Should().Be(c.Id.Value);
        signal.SubjectKind.Should().Be(ClockKind.Case);
        signal.ClockId.Should().BeNull();
        signal.Level.Should().Be(SignalLevel.Action);
        signal.DueAt.Should().Be(I("2025-09-28T16:00:00Z"), "the due day 2025-09-28 ends at midnight in Asia/Shanghai");
        changes.NewClocks.Should().BeEmpty("the case clock starts on acceptance");
    }

    [Fact]
    public void Acceptance_DecidesTheTask_StartsCaseAndStepClocks_WithdrawsDeemedAcceptance_AndPlansDeemedConsent()
    {
        var builder = new CaseBuilder();
        var c = builder.Build();
        var acceptance = new TaskBuilder(c).Acceptance().Build();
        var facts = new StepFactsBuilder(c).Decides(acceptance, "clerk.market")
            .Effect(new AcceptanceDecided(Outcomes.Accepted, "Materials complete", "clerk.market"))
            .OpensReview("market", timeLimitWorkingDays: 5, deemedConsentDays: 3)
            .OpensReview("fire", timeLimitWorkingDays: 4);

        var changes = Run(c, builder.Item, facts, [acceptance]);

        acceptance.Should().Match<ApprovalTask>(t => t.Status == ApprovalTaskStatus.Decided && t.Outcome == Outcomes.Accepted && t.Opinion == "Materials complete" && t.DecidedBy == "clerk.market");
        changes.ChangedTasks.Should().Equal(acceptance);
        c.Status.Should().Be(CaseStatus.InReview);
        c.AcceptanceDate.Should().Be(D("2025-11-11"));
        c.Owner.Should().Be("clerk.market", "the clerk who accepts owns the case (首问负责制)");

        var reviews = changes.NewTasks;
        reviews.Select(t => (t.Kind, t.Department, t.TimeLimitWorkingDays, t.DeemedConsentDays, t.InstanceId)).Should().Equal(
            (TaskKind.Review, "market", 5, 3, c.InstanceId),
            (TaskKind.Review, "fire", 4, (int?)null, c.InstanceId));
        changes.NewClocks.Select(k => (k.Kind, k.TaskId, k.Start, k.Promised)).Should().Equal(
            (ClockKind.Case, (TaskId?)null, D("2025-11-11"), builder.Item.Data.PromisedLimit),
            (ClockKind.Step, reviews[0].Id, D("2025-11-11"), TimeLimit.WorkingDays(5)),
            (ClockKind.Step, reviews[1].Id, D("2025-11-11"), TimeLimit.WorkingDays(4)));
        changes.TouchedClocks.Should().Equal(changes.NewClocks);

        changes.WithdrawnSignals.Should().BeEquivalentTo([
            new WithdrawnDeemedAction(acceptance.Id.Value, SignalRules.DeemedConsent), new WithdrawnDeemedAction(c.Id.Value, SignalRules.DeemedAcceptance)]);
        var consent = changes.PlannedSignals.Should().ContainSingle().Subject;
        consent.Should().Match<DeemedActionSignal>(s => s.Rule == SignalRules.DeemedConsent && s.SubjectId == reviews[0].Id.Value && s.SubjectKind == ClockKind.Step
            && s.ClockId == changes.NewClocks[1].Id && s.Basis == "No opinion within 3 working days counts as consent.");
        consent.DueAt.Should().Be(I("2025-11-14T16:00:00Z"), "three working days after Tuesday 2025-11-11 is Friday 2025-11-14");
        changes.Audit.Select(a => a.Action).Should().Equal(AuditActions.CaseAccepted, AuditActions.TaskCreated, AuditActions.TaskCreated);
        changes.Audit[0].PublicText.Should().Be("Accepted 已受理 (acceptance date 2025-11-11)");
        changes.FiredSignal.Should().BeNull();
    }

    [Fact]
    public void DeemedAcceptance_CarriedOutBySignal_AcceptsAsOfTheReceiptDate_AndMarksTheSignalFired()
    {
        var builder = new CaseBuilder();
        var c = builder.Build();
        var acceptance = new TaskBuilder(c).Acceptance().Build();
        var signalId = SignalId.New();
        var facts = new StepFactsBuilder(c).Decides(acceptance, SystemActor.Name, signalId)
            .Effect(new AcceptanceDecided(Outcomes.Accepted, null, SystemActor.Name, Deemed: true));

        var changes = Run(c, builder.Item, facts, [acceptance], now: I("2025-11-17T16:00:00Z"));

        c.AcceptanceDate.Should().Be(D("2025-11-10"), "deemed acceptance dates from receipt, not from the day it fired");
        changes.FiredSignal.Should().Be(signalId);
        changes.WithdrawnSignals.Should().Contain(new WithdrawnDeemedAction(c.Id.Value, SignalRules.DeemedAcceptance));
        changes.Audit[0].Should().Match<CaseAuditEntry>(a => a.Action == AuditActions.CaseAccepted && a.PublicText == "Accepted 已受理 (deemed 视为受理) (acceptance date 2025-11-10)");
        changes.NewClocks.Should().ContainSingle().Which.Start.Should().Be(D("2025-11-10"));
    }

    [Fact]
    public void DecidedReview_WithdrawsItsDeemedConsent_AndStopsItsStepClock_WhileTheOthersRun()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();
        var market = new TaskBuilder(c).Review("market", 5, 3).Build();
        var fire = new TaskBuilder(c).Review("fire", 5).Build();
        var caseClock = ClockBuilder.CaseClock(c, builder.Item);
        var marketClock = ClockBuilder.StepClock(market, D("2025-11-10"));
        var fireClock = ClockBuilder.StepClock(fire, D("2025-11-10"));
        var facts = new StepFactsBuilder(c).Decides(market, "reviewer.market").Effect(new ReviewDecided("market", Outcomes.Approved, "Fine", "reviewer.market"));

        var changes = Run(c, builder.Item, facts, [market, fire], clocks: [caseClock, marketClock, fireClock]);

        changes.WithdrawnSignals.Should().Equal(new WithdrawnDeemedAction(market.Id.Value, SignalRules.DeemedConsent));
        changes.StoppedClocks.Should().Equal(marketClock);
        changes.TouchedClocks.Should().Equal(marketClock);
        fireClock.IsStopped.Should().BeFalse();
        caseClock.IsStopped.Should().BeFalse();
        changes.NewClocks.Should().BeEmpty();
        changes.Audit.Should().ContainSingle().Which.Should().Match<CaseAuditEntry>(a =>
            a.Action == AuditActions.ReviewDecided && a.Subject == "market" && a.PublicText == "Review by market completed 部门审查完成");
        c.Owner.Should().BeNull("deciding a review does not take ownership; only the acceptance does");
    }

    [Fact]
    public void DecidingAPausedTask_IsRefused()
    {
        var builder = new CaseBuilder().Accepted().AwaitingCorrection();
        var c = builder.Build();
        var paused = new TaskBuilder(c).Review("fire").Paused().Build();
        var facts = new StepFactsBuilder(c).Decides(paused, "reviewer.fire").Effect(new ReviewDecided("fire", Outcomes.Approved, "Fine", "reviewer.fire"));

        var act = () => Run(c, builder.Item, facts, [paused]);

        act.Should().Throw<StepRefusedException>().Which.Code.Should().Be("task.paused");
        paused.Status.Should().Be(ApprovalTaskStatus.Paused);
    }

    [Fact]
    public void AResumeWithoutATaskOrCorrections_IsRefused_AndTheStartStepIsNot()
    {
        var c = new CaseBuilder().Build();

        var resumed = () => new StepFactsBuilder(c).Context(null).Build().EnsureCaseOwned();
        var decided = () => new StepFactsBuilder(c).Context(new DecideTaskContext(TaskId.New(), "clerk.market", "k")).Build().EnsureCaseOwned();
        var corrected = () => new StepFactsBuilder(c).Corrections().Build().EnsureCaseOwned();
        var started = () => new StepFactsBuilder(c).Submission().Build().EnsureCaseOwned();

        resumed.Should().Throw<StepRefusedException>().Which.Code.Should().Be("instance.case-owned");
        decided.Should().NotThrow();
        corrected.Should().NotThrow();
        started.Should().NotThrow();
    }

    [Fact]
    public void ABookmarkThatIsNoTask_OpensNothing_AndANotificationEffect_IsSentAndAudited()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();
        var facts = new StepFactsBuilder(c).Context(new DecideTaskContext(TaskId.New(), "clerk.market", "k"))
            .Opens(new System.Text.Json.Nodes.JsonObject { [ApprovalBookmarks.Task] = ApprovalBookmarks.AwaitingCorrection }, "Wait")
            .Effect(new NotificationRequested("Information", "Your case is in review."));

        var changes = Run(c, builder.Item, facts, clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        changes.NewTasks.Should().BeEmpty();
        changes.Notifications.Should().ContainSingle().Which.Should().Match<Notification>(n =>
            n.Kind == "Information" && n.Message == "Your case is in review." && n.Recipient == c.Applicant.Phone && n.Channel == "Log" && n.CaseId == c.Id);
        changes.Audit.Should().ContainSingle().Which.Should().Match<CaseAuditEntry>(a =>
            a.Action == AuditActions.ApplicantNotified && a.Subject == changes.Notifications[0].Id.ToString() && a.PublicText == null);
    }
}
