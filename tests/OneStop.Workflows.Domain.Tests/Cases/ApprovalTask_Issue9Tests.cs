using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Testing.Builders;

namespace OneStop.Workflows.Domain.Tests.Cases;

/// <summary>An inbox task's outcomes, claiming, deciding, pausing and cancelling (issue 9).</summary>
public class ApprovalTask_Issue9Tests
{
    private static readonly Instant Now = CaseBuilder.ReceivedAt + Duration.FromHours(2);
    private static readonly Case Case = new CaseBuilder().Build();

    [Fact]
    public void AllowedOutcomes_DependOnTheKind()
    {
        new TaskBuilder(Case).Acceptance().Build().AllowedOutcomes.Should().Equal(Outcomes.Accepted, Outcomes.Refused, Outcomes.CorrectionRequested);
        new TaskBuilder(Case).Review("fire").Build().AllowedOutcomes.Should().Equal(Outcomes.Approved, Outcomes.Rejected, Outcomes.ReturnedForCorrection);
        new TaskBuilder(Case).NoticeWindow().Build().AllowedOutcomes.Should().Equal(Outcomes.Issued);
    }

    [Fact]
    public void ClaimProblem_NamesTheOtherAssignee_OrTheStatus()
    {
        var task = new TaskBuilder(Case).Review("fire").Build();
        task.ClaimProblem("reviewer.a").Should().BeNull();

        task.Claim("reviewer.a");

        task.ClaimProblem("reviewer.a").Should().BeNull("claiming one's own task again is fine");
        task.ClaimProblem("reviewer.b").Should().Be("The task is assigned to reviewer.a.");
        task.Pause();
        task.ClaimProblem("reviewer.a").Should().Be("The task is Paused.");
    }

    [Fact]
    public void Transfer_ChangesTheAssignee_AndBumpsTheVersion()
    {
        var task = new TaskBuilder(Case).Review("fire").Build();
        task.Claim("reviewer.a");
        var version = task.Version;

        task.Transfer("reviewer.b");

        task.Assignee.Should().Be("reviewer.b");
        task.Version.Should().Be(version + 1);
    }

    [Fact]
    public void Decide_RecordsTheDecision_AndAssignsTheDecider_IfNobodyClaimed()
    {
        var task = new TaskBuilder(Case).Review("fire").Build();

        task.Decide(Outcomes.Approved, "Fine", "reviewer.fire", "key-1", Now);

        task.Should().Match<ApprovalTask>(t => t.Status == ApprovalTaskStatus.Decided && t.Outcome == Outcomes.Approved && t.Opinion == "Fine"
            && t.DecidedBy == "reviewer.fire" && t.DecidedAt == Now && t.DecisionKey == "key-1" && t.Assignee == "reviewer.fire");
    }

    [Fact]
    public void Decide_KeepsTheClaimant_AndIsRefusedUnlessOpen()
    {
        var task = new TaskBuilder(Case).Review("fire").Build();
        task.Claim("reviewer.a");
        task.Decide(Outcomes.Rejected, "No", "head.fire", "key-1", Now);

        task.Assignee.Should().Be("reviewer.a");
        ((Action)(() => task.Decide(Outcomes.Approved, null, "head.fire", "key-2", Now))).Should().Throw<InvalidOperationException>();
        var paused = new TaskBuilder(Case).Review("fire").Paused().Build();
        ((Action)(() => paused.Decide(Outcomes.Approved, null, "head.fire", "key-3", Now))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void PauseAndUnpause_OnlyMoveBetweenOpenAndPaused()
    {
        var task = new TaskBuilder(Case).Review("fire").Build();

        task.Pause();
        task.Status.Should().Be(ApprovalTaskStatus.Paused);
        task.Unpause();
        task.Status.Should().Be(ApprovalTaskStatus.Open);

        task.Decide(Outcomes.Approved, null, "reviewer.fire", "k", Now);
        task.Pause();
        task.Status.Should().Be(ApprovalTaskStatus.Decided);
    }

    [Fact]
    public void Cancel_EndsOpenAndPausedTasks_ButNotADecidedOne()
    {
        var open = new TaskBuilder(Case).Review("fire").Build();
        var paused = new TaskBuilder(Case).Review("health").Paused().Build();
        var decided = new TaskBuilder(Case).Review("market").Decided(Outcomes.Approved, "Fine", Now).Build();

        foreach (var task in new[] { open, paused, decided })
        {
            task.Cancel(Now + Duration.FromHours(1));
        }

        open.Status.Should().Be(ApprovalTaskStatus.Cancelled);
        paused.Status.Should().Be(ApprovalTaskStatus.Cancelled);
        open.DecidedAt.Should().Be(Now + Duration.FromHours(1));
        decided.Status.Should().Be(ApprovalTaskStatus.Decided);
        decided.DecidedAt.Should().Be(Now);
    }
}
