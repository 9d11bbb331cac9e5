using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>
/// The token-based flowchart interpreter. A step runs until every live token is blocked on a bookmark,
/// the flow ends, or an activity faults. Pure: no I/O; the caller persists the <see cref="StepResult"/>.
/// </summary>
/// <remarks>
/// Joins count token arrivals per inbound connection (one join model). WaitAll fires when every inbound
/// connection delivered; WaitAllActive when every inbound connection that a live token can still reach
/// delivered; WaitAny on the first arrival, cancelling the live tokens upstream of the join.
/// </remarks>
public static class FlowchartRunner
{
    /// <summary>Activity executions allowed in one step before the instance faults (guards against endless loops).</summary>
    public const int MaxExecutionsPerStep = 10_000;

    public static StepResult Start(CompiledWorkflow workflow, Instant now, JsonObject? input = null)
    {
        var step = new FlowchartStep(workflow, InstanceState.Starting(input), [], now);
        return step.Start();
    }

    /// <summary>Resumes one open bookmark. The bookmark must be among <paramref name="openBookmarks"/>.</summary>
    public static StepResult Resume(CompiledWorkflow workflow, InstanceState state, IReadOnlyList<Bookmark> openBookmarks, BookmarkId bookmarkId, JsonObject? input, Instant now)
    {
        var step = new FlowchartStep(workflow, state, openBookmarks, now);
        return step.Resume(bookmarkId, input);
    }
}
