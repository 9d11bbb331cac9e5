using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Testing.Builders;
using static OneStop.Workflows.Domain.Tests.Cases.Steps.CaseStepHarness;

namespace OneStop.Workflows.Domain.Tests.Cases.Steps;

/// <summary>The case step's completion after parallel reviews, and when the flow ends without one (issue 9).</summary>
public class CaseStepCompletion_Issue9Tests
{
    private static readonly NodaTime.Instant Earlier = I("2025-11-10T06:00:00Z");

    [Fact]
    public void ThreeApprovals_CompleteTheCaseApproved_StopEveryClock_AndTellTheApplicant()
    {
        var (c, item, market, fire, health) = ThreeReviews(RefusalPolicy.AllRequired, fireOutcome: Outcomes.Approved);
        var caseClock = ClockBuilder.CaseClock(c, item);
        var healthClock = ClockBuilder.StepClock(health, D("2025-11-10"));

        var changes = Run(c, item, LastReviewCompletes(c, health, "Licence 2025-001"), [market, fire, health], clocks: [caseClock, healthClock]);

        c.Should().Match<Case>(k => k.Status == CaseStatus.Completed && k.Decision == CaseDecision.Approved && k.ResultDocument == "Licence 2025-001"
            && k.RemedyRights == null && k.DecisionReasons == null && k.DecisionDate == D("2025-11-11") && k.DeliveryStatus == DeliveryStatus.Pending);
        changes.StoppedClocks.Should().BeEquivalentTo([caseClock, healthClock]);
        changes.WithdrawnSignals.Should().Equal(new WithdrawnDeemedAction(health.Id.Value, SignalRules.DeemedConsent));
        changes.Notifications.Should().ContainSingle().Which.Should().Match<Notification>(n => n.Kind == "Decision" && n.Message == "Case TEST-20251110-0001: approved 准予许可. Licence 2025-001");
        changes.Audit.Select(a => a.Action).Should().Equal(AuditActions.ReviewDecided, AuditActions.ApplicantNotified, AuditActions.CaseCompleted);
        changes.Audit[^1].Should().Match<CaseAuditEntry>(a => a.Actor == SystemActor.Name && a.PublicText == "Decision issued 已办结: Approved");
    }

    [Fact]
    public void OneRejection_UnderIndependent_IsPartiallyApproved_WithTheReasonsAndRemedyRights()
    {
        var (c, item, market, fire, health) = ThreeReviews(RefusalPolicy.Independent, fireOutcome: Outcomes.Rejected);

        var changes = Run(c, item, LastReviewCompletes(c, health, "Licence 2025-002"), [market, fire, health], clocks: [ClockBuilder.CaseClock(c, item)]);

        c.Decision.Should().Be(CaseDecision.PartiallyApproved);
        c.DecisionReasons.Should().Be("[fire] Exits too narrow");
        c.RemedyRights.Should().Be(CaseDecisionRules.DefaultRemedyRights);
        c.ResultDocument.Should().Be("Licence 2025-002");
        changes.Notifications.Single().Message.Should().Be(
            $"Case TEST-20251110-0001: partially approved 部分准予. Reasons: [fire] Exits too narrow. {CaseDecisionRules.DefaultRemedyRights}");
        changes.Audit[^1].PublicText.Should().Be("Decision issued 已办结: PartiallyApproved");
    }

    [Fact]
    public void OneRejection_UnderAllRequired_RefusesTheCase_CancelsTheOpenReview_AndDropsTheResultDocument()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();
        var market = new TaskBuilder(c).Review("market").Decided(Outcomes.Approved, "Fine", Earlier).Build();
        var fire = new TaskBuilder(c).Review("fire").Build();
        var health = new TaskBuilder(c).Review("health").Build();
        var facts = new StepFactsBuilder(c).Decides(fire, "reviewer.fire").Removes(health)
            .Effect(new ReviewDecided("fire", Outcomes.Rejected, "Exits too narrow", "reviewer.fire"))
            .Effect(new CompletionReached("Licence 2025-003", null)).Finishes();

        var changes = Run(c, builder.Item, facts, [market, fire, health], clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        health.Status.Should().Be(ApprovalTaskStatus.Cancelled);
        changes.ChangedTasks.Should().Equal(fire, health);
        c.Decision.Should().Be(CaseDecision.Refused);
        c.ResultDocument.Should().BeNull();
        c.DecisionReasons.Should().Be("[fire] Exits too narrow");
        changes.Notifications.Single().Message.Should().StartWith("Case TEST-20251110-0001: refused 不予许可. Reasons: [fire] Exits too narrow.");
        changes.Audit.Select(a => a.Action).Should().Equal(
            AuditActions.TaskCancelled, AuditActions.ReviewDecided, AuditActions.ApplicantNotified, AuditActions.CaseCompleted);
        changes.Audit[0].Reason.Should().Be("Review task of health cancelled.");
    }

    [Fact]
    public void ADepartmentsLatestDecision_Counts()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().CoDepartments().Build()).Accepted();
        var c = builder.Build();
        var rejectedFirst = new TaskBuilder(c).Review("market").Decided(Outcomes.Rejected, "Incomplete", Earlier).Build();
        var approvedLater = new TaskBuilder(c).Review("market").Build();

        Run(c, builder.Item, LastReviewCompletes(c, approvedLater, null), [rejectedFirst, approvedLater], clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        c.Decision.Should().Be(CaseDecision.Approved);
    }

    [Fact]
    public void Completion_CancelsTheOpenCorrectionNoticeWindowTask()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().CoDepartments().Policy(RefusalPolicy.ReturnForCorrection).Build()).Accepted();
        var c = builder.Build();
        var window = new TaskBuilder(c).NoticeWindow().Build();
        var market = new TaskBuilder(c).Review("market").Build();

        Run(c, builder.Item, LastReviewCompletes(c, market, null), [window, market], clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        window.Status.Should().Be(ApprovalTaskStatus.Cancelled);
    }

    [Fact]
    public void FlowEndWithoutCompletion_AfterAcceptanceRefused_ClosesTheCaseNotAccepted_WithTheWindowsReason()
    {
        var builder = new CaseBuilder();
        var c = builder.Build();
        var acceptance = new TaskBuilder(c).Acceptance().Build();
        var facts = new StepFactsBuilder(c).Decides(acceptance, "clerk.market").Effect(new AcceptanceDecided(Outcomes.Refused, "Not our competence", "clerk.market")).Finishes();

        var changes = Run(c, builder.Item, facts, [acceptance]);

        c.Should().Match<Case>(k => k.Status == CaseStatus.NotAccepted && k.Decision == CaseDecision.Refused && k.DecisionReasons == "[market] Not our competence"
            && k.RemedyRights == CaseDecisionRules.DefaultRemedyRights);
        changes.WithdrawnSignals.Should().Contain(new WithdrawnDeemedAction(c.Id.Value, SignalRules.DeemedAcceptance));
        changes.Audit.Select(a => (a.Action, a.PublicText)).Should().Equal(
            (AuditActions.CaseNotAccepted, "Not accepted 不予受理"), (AuditActions.ApplicantNotified, null), (AuditActions.CaseCompleted, "Decision issued 已办结: Refused"));
        changes.NewClocks.Should().BeEmpty("a case never accepted has no clock");
    }

    [Fact]
    public void FlowEndWithoutCompletion_AfterAcceptance_IsApproved_WithTheNote()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();
        var caseClock = ClockBuilder.CaseClock(c, builder.Item);

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Context(new DecideTaskContext(TaskId.New(), "clerk.market", "k")).Finishes(), clocks: [caseClock]);

        c.Decision.Should().Be(CaseDecision.Approved);
        c.DecisionReasons.Should().Be("The flow ended without an explicit completion.");
        caseClock.IsStopped.Should().BeTrue();
        changes.NewClocks.Should().BeEmpty("a closed case starts no clock");
    }

    [Fact]
    public void AFinishedFlow_OfAClosedCase_CompletesNothingTwice()
    {
        var (c, item, market, fire, health) = ThreeReviews(RefusalPolicy.AllRequired, fireOutcome: Outcomes.Approved);
        Run(c, item, LastReviewCompletes(c, health, null), [market, fire, health]);
        var completedAt = c.CompletedAt;

        var again = Run(c, item, new StepFactsBuilder(c).Context(new DecideTaskContext(TaskId.New(), "clerk.market", "k")).Finishes(), [market, fire, health],
            now: I("2025-11-12T02:00:00Z"));

        c.CompletedAt.Should().Be(completedAt);
        again.Audit.Should().BeEmpty();
    }

    /// <summary>An accepted case whose market review approved and fire review decided earlier; health is still open.</summary>
    private static (Case Case, ServiceItem Item, ApprovalTask Market, ApprovalTask Fire, ApprovalTask Health) ThreeReviews(RefusalPolicy policy, string fireOutcome)
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().Policy(policy).Build()).Accepted();
        var c = builder.Build();
        var market = new TaskBuilder(c).Review("market").Decided(Outcomes.Approved, "Fine", Earlier).Build();
        var fire = new TaskBuilder(c).Review("fire").Decided(fireOutcome, fireOutcome == Outcomes.Rejected ? "Exits too narrow" : "Fine", Earlier).Build();
        var health = new TaskBuilder(c).Review("health", 5).Build();
        return (c, builder.Item, market, fire, health);
    }

    private static StepFactsBuilder LastReviewCompletes(Case c, ApprovalTask review, string? resultDocument) =>
        new StepFactsBuilder(c).Decides(review, $"reviewer.{review.Department}")
            .Effect(new ReviewDecided(review.Department, Outcomes.Approved, "Fine", $"reviewer.{review.Department}"))
            .Effect(new CompletionReached(resultDocument, null)).Finishes();
}
