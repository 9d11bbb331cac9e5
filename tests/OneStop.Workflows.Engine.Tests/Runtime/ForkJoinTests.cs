using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Runtime;

public sealed class ForkJoinTests
{
    //                ┌─A─▶ a ─┐
    // start ─▶ fork ─┼─B─▶ b ─┼─▶ join(mode) ─▶ end
    //                └─C─▶ c ─┘
    private static string ForkOfThree(string mode) =>
        new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B", "C").Event("a").Event("b").Event("c").Join("join", mode).End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b").Connect("fork", "C", "c")
            .Connect("a", "join").Connect("b", "join").Connect("c", "join").Connect("join", "end")
            .Build();

    public static TheoryData<string, string, string> AllResumeOrders => new()
    {
        { "a", "b", "c" },
        { "a", "c", "b" },
        { "b", "a", "c" },
        { "b", "c", "a" },
        { "c", "a", "b" },
        { "c", "b", "a" },
    };

    [Theory]
    [MemberData(nameof(AllResumeOrders))]
    public void WaitAllJoin_FiresOnceAfterTheLastBranch_InEveryResumeOrder(string first, string second, string third)
    {
        var run = RunnerDriver.Start(ForkOfThree(FlowJoinActivity.WaitAll));
        run.Status.Should().Be(WorkflowStatus.Waiting);
        run.Open.Select(b => b.ActivityId).Should().BeEquivalentTo("a", "b", "c");

        run.Resume(first).State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Resume(second).State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "join").Should().BeEmpty();
        run.Last.State.JoinArrivals.Should().ContainKey("join").WhoseValue.Should().HaveCount(2);

        var last = run.Resume(third);

        last.State.Status.Should().Be(WorkflowStatus.Finished);
        last.OpenBookmarks.Should().BeEmpty();
        last.State.JoinArrivals.Should().BeEmpty();
        last.Journal.Should().ContainSingle(e => e.Event == JournalEvents.Completed && e.ActivityId == "join");
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();
        run.Entries(JournalEvents.Arrived, "join").Should().HaveCount(3);
        run.Entries(JournalEvents.WorkflowFinished).Should().ContainSingle().Which.Should().BeSameAs(run.Journal[^1]);
        run.Journal.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, run.Journal.Count).Select(i => (long)i), "sequences are gap-free across steps");
        run.Last.State.NextSequence.Should().Be(run.Journal.Count + 1);
    }

    [Fact]
    public void WaitAnyJoin_ContinuesOnTheFirstResume_AndCancelsTheOtherBookmarks()
    {
        var run = RunnerDriver.Start(ForkOfThree(FlowJoinActivity.WaitAny));
        var a = run.BookmarkAt("a").Id;
        var b = run.BookmarkAt("b").Id;
        var c = run.BookmarkAt("c").Id;

        var step = run.Resume("b");

        step.State.Status.Should().Be(WorkflowStatus.Finished);
        step.OpenBookmarks.Should().BeEmpty();
        step.CreatedBookmarks.Should().BeEmpty();
        step.RemovedBookmarks.Should().BeEquivalentTo([a, b, c]);
        step.Journal.Where(e => e.Event == JournalEvents.Cancelled).Select(e => e.ActivityId).Should().BeEquivalentTo("a", "c");
        step.Journal.Should().ContainSingle(e => e.Event == JournalEvents.Completed && e.ActivityId == "join");
        step.Journal.Should().ContainSingle(e => e.Event == JournalEvents.Completed && e.ActivityId == "end");
    }

    //                ┌─A─▶ a ─▶ join(WaitAllActive) ─▶ end
    // start ─▶ fork ─┤
    //                └─B─▶ b ─▶ endB
    private static string ActiveWithDeadBranch() =>
        new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Event("b").Join("join", FlowJoinActivity.WaitAllActive).End("end").End("endB")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
            .Connect("a", "join").Connect("join", "end").Connect("b", "endB")
            .Build();

    [Fact]
    public void WaitAllActiveJoin_Fires_WhenABranchArrivesAfterTheOtherEnded()
    {
        var run = RunnerDriver.Start(ActiveWithDeadBranch());

        run.Resume("b").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "endB").Should().ContainSingle();
        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Finished);

        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();
    }

    [Fact]
    public void WaitAllActiveJoin_Fires_WhenTheOtherBranchEndsAfterTheArrival()
    {
        var run = RunnerDriver.Start(ActiveWithDeadBranch());

        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle("b can never reach the join");
        run.Resume("b").State.Status.Should().Be(WorkflowStatus.Finished);

        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "endB").Should().ContainSingle();
    }

    //                ┌─A─▶ a ────────────────┐
    // start ─▶ fork ─┤                       ├─▶ join(WaitAllActive) ─▶ end
    //                └─B─▶ decide ─Yes───────┘
    //                          └───No──▶ endB
    private static string ActiveWithDecision() =>
        new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Activity(DecideActivity.Type, "decide")
            .Join("join", FlowJoinActivity.WaitAllActive).End("end").End("endB")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "decide")
            .Connect("a", "join").Connect("decide", "Yes", "join").Connect("decide", "No", "endB").Connect("join", "end")
            .Build();

    [Fact]
    public void WaitAllActiveJoin_WaitsForABranchThatCanStillArrive_AndFiresWhenItDies()
    {
        var run = RunnerDriver.Start(ActiveWithDecision(), DecideActivity.Catalogue);

        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "join").Should().BeEmpty("'decide' may still send its token to the join");

        run.Resume("decide", DecideActivity.Answer("No")).State.Status.Should().Be(WorkflowStatus.Finished);
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();
    }

    [Fact]
    public void WaitAllActiveJoin_FiresOnTheLastArrival_WhenEveryBranchArrives()
    {
        var run = RunnerDriver.Start(ActiveWithDecision(), DecideActivity.Catalogue);

        run.Resume("decide", DecideActivity.Answer("Yes")).State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "join").Should().BeEmpty("'a' is still waiting upstream of the join");

        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Finished);
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
    }

    //                ┌─A─▶ wa ─┐
    // start ─▶ fork ─┤         ├─▶ join(mode) ─▶ end        (no waiting: both tokens reach the join in one step)
    //                └─B─▶ wb ─┘
    [Theory]
    [InlineData(FlowJoinActivity.WaitAll)]
    [InlineData(FlowJoinActivity.WaitAllActive)]
    [InlineData(FlowJoinActivity.WaitAny)]
    public void Join_FiresOnce_WhenBothBranchesArriveInOneStep(string mode)
    {
        var json = new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").WriteLine("wa", "A").WriteLine("wb", "B").Join("join", mode).End("end")
            .Connect("start", "fork").Connect("fork", "A", "wa").Connect("fork", "B", "wb")
            .Connect("wa", "join").Connect("wb", "join").Connect("join", "end")
            .Build();

        var run = RunnerDriver.Start(json);

        run.Status.Should().Be(WorkflowStatus.Finished);
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();
        run.Journal.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, run.Journal.Count).Select(i => (long)i));
    }
}
