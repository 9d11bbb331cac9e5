using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Testing.Builders;
using static OneStop.Workflows.Domain.Tests.Cases.Steps.CaseStepHarness;

namespace OneStop.Workflows.Domain.Tests.Cases.Steps;

/// <summary>The case step's corrections: one merged notice under ReturnForCorrection, issued at once otherwise (issue 9).</summary>
public class CaseStepCorrections_Issue9Tests
{
    private static readonly CorrectionItem Exits = new("Fire protection design 消防设计文件", "Exit widths missing", "fire");
    private static readonly CorrectionItem Kitchen = new("Kitchen layout 厨房布局图", "Not to scale", "health");

    [Fact]
    public void ReviewCorrections_UnderReturnForCorrection_MergeIntoOneDraftNotice_ForTheLeadWindowToIssue()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().Policy(RefusalPolicy.ReturnForCorrection).Build()).Accepted();
        var c = builder.Build();
        var fire = new TaskBuilder(c).Review("fire").Build();
        var health = new TaskBuilder(c).Review("health").Build();

        var first = Run(c, builder.Item, new StepFactsBuilder(c).Decides(fire, "reviewer.fire")
            .Effect(new ReviewDecided("fire", Outcomes.ReturnedForCorrection, "Exits", "reviewer.fire"))
            .Effect(new CorrectionRequested(CorrectionStage.Review, "fire", [Exits], "reviewer.fire", "Exits")), [fire, health]);

        var draft = first.NewNotices.Should().ContainSingle().Subject;
        draft.IsIssued.Should().BeFalse();
        draft.Items.Should().Equal(Exits);
        first.NewTasks.Should().ContainSingle().Which.Should().Match<ApprovalTask>(t => t.Kind == TaskKind.CorrectionNotice && t.Department == "market" && t.BookmarkId == null);
        first.Notifications.Should().BeEmpty("the applicant hears once, when the window issues the merged notice");
        c.Status.Should().Be(CaseStatus.InReview);
        first.Audit.Select(a => (a.Action, a.PublicText)).Should().Equal(
            (AuditActions.ReviewDecided, null), (AuditActions.TaskCreated, null), (AuditActions.CorrectionRequested, null));

        var second = Run(c, builder.Item, new StepFactsBuilder(c).Decides(health, "reviewer.health")
            .Effect(new ReviewDecided("health", Outcomes.ReturnedForCorrection, "Kitchen", "reviewer.health"))
            .Effect(new CorrectionRequested(CorrectionStage.Review, "health", [Kitchen, Exits], "reviewer.health", "Kitchen")),
            [fire, health, .. first.NewTasks], [draft]);

        second.NewNotices.Should().BeEmpty();
        second.NewTasks.Should().BeEmpty("one window task per merged notice");
        draft.Items.Should().Equal(Exits, Kitchen);
    }

    [Fact]
    public void ReviewCorrection_UnderAllRequired_IsIssuedAtOnce_AndTheCaseAwaitsCorrections()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();
        var fire = new TaskBuilder(c).Review("fire").Build();

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Decides(fire, "reviewer.fire")
            .Effect(new CorrectionRequested(CorrectionStage.Review, "fire", [Exits], "reviewer.fire", "Exits")), [fire]);

        var notice = changes.NewNotices.Should().ContainSingle().Subject;
        notice.IssuedBy.Should().Be("reviewer.fire");
        fire.Outcome.Should().Be(Outcomes.CorrectionRequested);
        c.Status.Should().Be(CaseStatus.AwaitingCorrection);
        changes.NewTasks.Should().BeEmpty();
        changes.Notifications.Should().ContainSingle().Which.Should().Match<Notification>(n => n.Kind == "CorrectionNotice"
            && n.Message == "Case TEST-20251110-0001: please supply or correct the following materials (one-time notice): Fire protection design 消防设计文件 — Exit widths missing (fire).");
        changes.Audit.Select(a => a.Action).Should().Equal(AuditActions.CorrectionRequested, AuditActions.ApplicantNotified, AuditActions.CorrectionNoticeIssued);
        changes.Audit[2].PublicText.Should().Be("Correction notice issued 一次性告知: Fire protection design 消防设计文件 — Exit widths missing");
        changes.WithdrawnSignals.Should().NotContain(w => w.Rule == SignalRules.DeemedAcceptance);
    }

    [Fact]
    public void AcceptanceCorrection_WithdrawsDeemedAcceptance_AndIssuesTheNotice()
    {
        var builder = new CaseBuilder();
        var c = builder.Build();
        var acceptance = new TaskBuilder(c).Acceptance().Build();
        var item = new CorrectionItem("ID card copy 身份证复印件", "Illegible");

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Decides(acceptance, "clerk.market")
            .Effect(new CorrectionRequested(CorrectionStage.Acceptance, "market", [item], "clerk.market", "Illegible copy")), [acceptance]);

        changes.WithdrawnSignals.Should().Contain(new WithdrawnDeemedAction(c.Id.Value, SignalRules.DeemedAcceptance));
        changes.NewNotices.Should().ContainSingle().Which.Should().Match<CorrectionNotice>(n => n.IsIssued && n.Stage == CorrectionStage.Acceptance);
        c.Status.Should().Be(CaseStatus.AwaitingCorrection);
        c.AcceptedAt.Should().BeNull();
    }

    [Fact]
    public void AcceptanceCorrection_UnderReturnForCorrection_IsNotMerged_ButIssuedAtOnce()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().Policy(RefusalPolicy.ReturnForCorrection).Build());
        var c = builder.Build();
        var acceptance = new TaskBuilder(c).Acceptance().Build();
        var draft = new CorrectionNotice(Guid.NewGuid(), c.Id, CorrectionStage.Review, c.UpdatedAt);

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Decides(acceptance, "clerk.market")
            .Effect(new CorrectionRequested(CorrectionStage.Acceptance, "market", [Kitchen], "clerk.market", null)), [acceptance], [draft]);

        changes.NewNotices.Should().ContainSingle().Which.IsIssued.Should().BeTrue();
        draft.Items.Should().BeEmpty();
        changes.NewTasks.Should().BeEmpty("only review corrections wait for the window");
    }

    [Fact]
    public void AReviewOpenedWhileAwaitingCorrection_UnderReturnForCorrection_StartsPaused()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().Policy(RefusalPolicy.ReturnForCorrection).Build()).Accepted().AwaitingCorrection();
        var c = builder.Build();

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Context(new DecideTaskContext(TaskId.New(), "reviewer.fire", "k")).OpensReview("health", 5),
            clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        changes.NewTasks.Should().ContainSingle().Which.Status.Should().Be(ApprovalTaskStatus.Paused);
        changes.NewClocks.Should().ContainSingle("a paused review keeps a step clock").Which.TaskId.Should().Be(changes.NewTasks[0].Id);
    }

    [Fact]
    public void CorrectionsReceived_AnswerTheIssuedNotice_BringBackPausedTasks_AndAreAuditedPublicly()
    {
        var builder = new CaseBuilder().For(new ServiceItemBuilder().Policy(RefusalPolicy.ReturnForCorrection).Build()).Accepted();
        var c = builder.Build();
        var notice = new CorrectionNotice(Guid.NewGuid(), c.Id, CorrectionStage.Review, c.UpdatedAt);
        notice.Merge([Exits]);
        new CaseChangeSet(c, c.UpdatedAt, "Log").IssueNotice(notice, "clerk.market");
        var paused = new TaskBuilder(c).Review("health").Paused().Build();
        var facts = new StepFactsBuilder(c).Corrections("clerk.market").Removes(paused).Effect(new CorrectionsReceived(CorrectionStage.Review, "fire"));

        var changes = Run(c, builder.Item, facts, [paused], [notice]);

        c.Status.Should().Be(CaseStatus.InReview);
        c.CorrectionsReceivedDate.Should().Be(D("2025-11-11"));
        notice.AnsweredAt.Should().Be(Now);
        paused.Status.Should().Be(ApprovalTaskStatus.Open, "a task whose bookmark corrections resume is brought back, not cancelled");
        changes.ChangedTasks.Should().Equal(paused);
        changes.Audit.Should().ContainSingle().Which.Should().Match<CaseAuditEntry>(a => a.Action == AuditActions.CorrectionsReceived
            && a.Actor == "clerk.market" && a.Subject == $"corrections-{c.Id}" && a.PublicText == "Corrected materials received 补正材料已收到");
    }

    [Fact]
    public void CorrectionsReceived_WhenTheCaseIsNotWaiting_ChangeNothing()
    {
        var builder = new CaseBuilder().Accepted();
        var c = builder.Build();

        var changes = Run(c, builder.Item, new StepFactsBuilder(c).Corrections().Effect(new CorrectionsReceived(CorrectionStage.Review, "fire")),
            clocks: [ClockBuilder.CaseClock(c, builder.Item)]);

        c.CorrectionsReceivedDate.Should().BeNull();
        changes.Audit.Should().BeEmpty();
    }
}
