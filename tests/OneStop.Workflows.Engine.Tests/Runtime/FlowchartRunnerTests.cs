using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Runtime;

public sealed class FlowchartRunnerTests
{
    /// <summary>A buggy activity: throws from Execute, or from Resume after waiting.</summary>
    private sealed class ThrowingActivity(bool onResume) : IActivity
    {
        public ActivityDescriptor Descriptor { get; } = new(
            onResume ? "Test.ThrowOnResume" : "Test.Throw", 1, "Test", "Throw", "Throws.", ActivityKind.Action, [],
            [new PortDescriptor(Ports.Done, "Done")]);

        public ActivityResult Execute(ActivityContext context) =>
            onResume ? ActivityResult.Wait("boom") : throw new InvalidOperationException($"{context.ActivityId} exploded");

        public ActivityResult Resume(ActivityContext context, JsonObject? input) =>
            throw new InvalidOperationException($"{context.ActivityId} exploded on resume");
    }

    private static readonly ActivityCatalogue WithThrowing =
        ActivityCatalogue.CreateDefault().With([new ThrowingActivity(onResume: false), new ThrowingActivity(onResume: true)]);

    //                ┌─A─▶ a (waits)
    // start ─▶ fork ─┤
    //                └─B─▶ boom (throws) ─▶ end
    [Fact]
    public void Runner_FaultsWithAnIncident_WhenAnActivityThrows()
    {
        var json = new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Activity("Test.Throw", "boom").End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "boom").Connect("boom", "end").Build();

        var run = RunnerDriver.Start(json, WithThrowing);

        run.Status.Should().Be(WorkflowStatus.Faulted);
        var incident = run.Last.State.Incidents.Should().ContainSingle().Subject;
        incident.ActivityId.Should().Be("boom");
        incident.ActivityType.Should().Be("Test.Throw");
        incident.Message.Should().Contain("InvalidOperationException").And.Contain("boom exploded");
        run.Open.Should().BeEmpty("a faulted instance keeps no live branch");
        run.Last.CreatedBookmarks.Should().BeEmpty();
        run.Entries(JournalEvents.Faulted, "boom").Should().ContainSingle();
        run.Entries(JournalEvents.WorkflowFaulted).Should().ContainSingle();
        run.Entries(JournalEvents.Started, "end").Should().BeEmpty();
    }

    // start ─▶ boom (waits, throws on resume) ─▶ end
    [Fact]
    public void Runner_FaultsWithAnIncident_WhenAnActivityThrowsOnResume()
    {
        var json = new FlowchartBuilder("wf").Start("start").Activity("Test.ThrowOnResume", "boom").End("end")
            .Connect("start", "boom").Connect("boom", "end").Build();
        var run = RunnerDriver.Start(json, WithThrowing);
        var bookmark = run.BookmarkAt("boom").Id;

        var step = run.Resume("boom");

        step.State.Status.Should().Be(WorkflowStatus.Faulted);
        step.State.Incidents.Should().ContainSingle().Which.ActivityId.Should().Be("boom");
        step.RemovedBookmarks.Should().Equal(bookmark);
    }

    //                ┌─A─▶ a ─▶ end
    // start ─▶ fork ─┤
    //                └─B─▶ b ─▶ finish
    [Fact]
    public void Finish_CancelsOpenBranches_AndFinishesTheInstance()
    {
        var json = new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Event("b").End("end").Finish("finish")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b").Connect("a", "end").Connect("b", "finish").Build();
        var run = RunnerDriver.Start(json);
        var a = run.BookmarkAt("a").Id;
        var b = run.BookmarkAt("b").Id;

        var step = run.Resume("b");

        step.State.Status.Should().Be(WorkflowStatus.Finished);
        step.OpenBookmarks.Should().BeEmpty();
        step.RemovedBookmarks.Should().BeEquivalentTo([a, b]);
        step.Journal.Should().ContainSingle(e => e.Event == JournalEvents.Cancelled)
            .Which.Should().Match<JournalEntry>(e => e.ActivityId == "a" && e.Message == a.ToString());
        run.Entries(JournalEvents.WorkflowFinished).Should().ContainSingle();
        run.Entries(JournalEvents.Started, "end").Should().BeEmpty();
    }

    //                ┌─A─▶ a
    // start ─▶ fork ─┤
    //                └─B─▶ finish
    [Fact]
    public void Finish_DropsBookmarksCreatedInTheSameStep()
    {
        var json = new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Finish("finish")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "finish").Build();

        var run = RunnerDriver.Start(json);

        run.Status.Should().Be(WorkflowStatus.Finished);
        run.Last.CreatedBookmarks.Should().BeEmpty();
        run.Last.RemovedBookmarks.Should().BeEmpty("a bookmark created and cancelled in one step was never stored");
        run.Open.Should().BeEmpty();
    }

    // start ─▶ hello ─▶ end
    [Fact]
    public void WriteLine_WritesItsTextIntoTheJournal()
    {
        var json = new FlowchartBuilder("wf").Start("start").WriteLine("hello", "Hello, 一站式").End("end")
            .Connect("start", "hello").Connect("hello", "end").Build();

        var run = RunnerDriver.Start(json);

        run.Status.Should().Be(WorkflowStatus.Finished);
        run.Entries(JournalEvents.Completed, "hello").Should().ContainSingle()
            .Which.Should().Match<JournalEntry>(e => e.Message == "Hello, 一站式" && e.Outcomes == Ports.Done && e.ActivityType == BuiltInActivities.WriteLine);
    }

    // start ─▶ ping ─▶ pong
    //           ▲        │
    //           └────────┘
    [Fact]
    public void Runner_FaultsWithTheStepLimitIncident_WhenTheFlowLoopsForever()
    {
        var json = new FlowchartBuilder("wf").Start("start").WriteLine("ping", "ping").WriteLine("pong", "pong")
            .Connect("start", "ping").Connect("ping", "pong").Connect("pong", "ping").Build();

        var run = RunnerDriver.Start(json);

        run.Status.Should().Be(WorkflowStatus.Faulted);
        run.Last.State.Incidents.Should().ContainSingle()
            .Which.Message.Should().Contain(FlowchartRunner.MaxExecutionsPerStep.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("loops");
        run.Entries(JournalEvents.Completed).Count().Should().Be(FlowchartRunner.MaxExecutionsPerStep);
    }

    // start ─▶ a ─▶ end
    [Fact]
    public void Resume_Throws_ForABookmarkThatIsNotOpen()
    {
        var run = RunnerDriver.Start(new FlowchartBuilder("wf").Start("start").Event("a").End("end").Connect("start", "a").Connect("a", "end").Build());

        var act = () => FlowchartRunner.Resume(run.Workflow, run.Last.State, run.Open, BookmarkId.New(), null, NodaTime.Instant.FromUnixTimeSeconds(0));

        act.Should().Throw<ArgumentException>();
    }

    // start ─▶ a ─▶ end
    [Fact]
    public void Runner_WaitsOnANamedBookmark_AndFinishesOnResume()
    {
        var run = RunnerDriver.Start(new FlowchartBuilder("wf").Start("start").Event("a", "review-a").End("end").Connect("start", "a").Connect("a", "end").Build());

        run.Status.Should().Be(WorkflowStatus.Waiting);
        run.Last.CreatedBookmarks.Should().ContainSingle().Which.Should().Match<Bookmark>(b => b.Name == "review-a" && b.ActivityType == BuiltInActivities.Event);
        run.Journal.Select(e => e.Event).Should().Equal(JournalEvents.WorkflowStarted, JournalEvents.Started, JournalEvents.Completed, JournalEvents.Started, JournalEvents.Suspended);

        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Finished);
        run.Last.Journal.Select(e => e.Event).Should().Equal(JournalEvents.Resumed, JournalEvents.Completed, JournalEvents.Started, JournalEvents.Completed, JournalEvents.WorkflowFinished);
    }
}
