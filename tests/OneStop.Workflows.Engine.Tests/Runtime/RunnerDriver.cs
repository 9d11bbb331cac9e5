using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.Engine.Tests.Runtime;

/// <summary>
/// Drives <see cref="FlowchartRunner"/> as the host would: keeps the state and open bookmarks between steps
/// and collects every journal entry, so tests can resume by activity id.
/// </summary>
internal sealed class RunnerDriver
{
    private readonly List<JournalEntry> _journal = [];
    private readonly FakeClock _clock;

    private RunnerDriver(CompiledWorkflow workflow)
    {
        Workflow = workflow;
        _clock = TestClock.At("2026-01-05T09:00:00Z");
        Last = FlowchartRunner.Start(workflow, _clock.GetCurrentInstant());
        _journal.AddRange(Last.Journal);
    }

    public CompiledWorkflow Workflow { get; }

    /// <summary>The result of the most recent step.</summary>
    public StepResult Last { get; private set; }

    public WorkflowStatus Status => Last.State.Status;

    public IReadOnlyList<Bookmark> Open => Last.OpenBookmarks;

    /// <summary>Every journal entry of every step so far, in order.</summary>
    public IReadOnlyList<JournalEntry> Journal => _journal;

    public static RunnerDriver Start(string json, ActivityCatalogue? catalogue = null) =>
        Start(TestWorkflows.Compile(json, catalogue));

    public static RunnerDriver Start(CompiledWorkflow workflow) => new(workflow);

    /// <summary>The open bookmark blocked at <paramref name="activityId"/> (there must be exactly one).</summary>
    public Bookmark BookmarkAt(string activityId)
    {
        Open.Should().ContainSingle(b => b.ActivityId == activityId, $"activity '{activityId}' should be waiting");
        return Open.Single(b => b.ActivityId == activityId);
    }

    /// <summary>Resumes the bookmark open at <paramref name="activityId"/>, one minute after the previous step.</summary>
    public StepResult Resume(string activityId, JsonObject? input = null)
    {
        var bookmark = BookmarkAt(activityId);
        _clock.Advance(Duration.FromMinutes(1));
        Last = FlowchartRunner.Resume(Workflow, Last.State, Last.OpenBookmarks, bookmark.Id, input, _clock.GetCurrentInstant());
        _journal.AddRange(Last.Journal);
        return Last;
    }

    public IEnumerable<JournalEntry> Entries(string @event, string? activityId = null) =>
        _journal.Where(e => e.Event == @event && (activityId is null || e.ActivityId == activityId));
}
