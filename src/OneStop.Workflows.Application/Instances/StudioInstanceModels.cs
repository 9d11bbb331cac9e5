using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Application.Instances;

/// <summary>Elsa's workflow status (the Studio's <c>WorkflowStatus</c>): an instance is running (executing or waiting) or finished.</summary>
public enum StudioStatus
{
    Running,
    Finished,
}

/// <summary>Elsa's workflow sub-status (the Studio's <c>WorkflowSubStatus</c>).</summary>
public enum StudioSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
    Interrupted,
}

/// <summary>Elsa's activity execution status (the Studio's <c>ActivityStatus</c>).</summary>
public enum StudioActivityStatus
{
    Pending,
    Running,
    Completed,
    Canceled,
    Faulted,
}

/// <summary>
/// Issue 11: our <see cref="WorkflowStatus"/> as Elsa's status and sub-status pair (docs/api.md "Instances in the Studio"). Elsa has no
/// "Waiting": a waiting instance is <c>Running/Suspended</c> (the Studio threw on our name). Faulted and cancelled instances are
/// finished in Elsa.
/// </summary>
public static class StudioStatuses
{
    /// <summary>Ours → Elsa's.</summary>
    public static (StudioStatus Status, StudioSubStatus SubStatus) Of(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => (StudioStatus.Running, StudioSubStatus.Executing),
        WorkflowStatus.Waiting => (StudioStatus.Running, StudioSubStatus.Suspended),
        WorkflowStatus.Finished => (StudioStatus.Finished, StudioSubStatus.Finished),
        WorkflowStatus.Cancelled => (StudioStatus.Finished, StudioSubStatus.Cancelled),
        WorkflowStatus.Faulted => (StudioStatus.Finished, StudioSubStatus.Faulted),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Our statuses that an Elsa status names.</summary>
    public static IEnumerable<WorkflowStatus> Matching(StudioStatus status) => Enum.GetValues<WorkflowStatus>().Where(s => Of(s).Status == status);

    /// <summary>Our statuses that an Elsa sub-status names (none for Pending and Interrupted).</summary>
    public static IEnumerable<WorkflowStatus> Matching(StudioSubStatus subStatus) => Enum.GetValues<WorkflowStatus>().Where(s => Of(s).SubStatus == subStatus);

    /// <summary>Whether the instance is over (Elsa's <c>finishedAt</c> is then its last update).</summary>
    public static bool IsOver(WorkflowStatus status) => Of(status).Status == StudioStatus.Finished;

    /// <summary>An instant as the Studio reads it: ISO 8601 UTC with the fraction of a second when there is one.</summary>
    public static string Text(Instant at) => InstantPattern.ExtendedIso.Format(at);
}

/// <summary>One instance in the Studio's list (Elsa's <c>WorkflowInstanceSummary</c>): the name is the case number, the correlation id the case id.</summary>
public sealed record StudioInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    StudioStatus Status,
    StudioSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    string CreatedAt,
    string UpdatedAt,
    string? FinishedAt);

/// <summary>An open bookmark as Elsa shows it on a workflow state: the activity's node id, and its execution's id.</summary>
public sealed record StudioBookmark(string Id, string Name, string ActivityNodeId, string ActivityInstanceId, string CreatedAt);

/// <summary>An incident as Elsa shows it.</summary>
public sealed record StudioIncident(string ActivityId, string ActivityNodeId, string ActivityType, string Message, string Timestamp);

/// <summary>One instance with its state (Elsa's <c>WorkflowInstance</c> with its <c>workflowState</c>).</summary>
public sealed record StudioInstance(StudioInstanceSummary Summary, IReadOnlyList<StudioBookmark> Bookmarks, IReadOnlyList<StudioIncident> Incidents);

/// <summary>What the Studio polls (Elsa's <c>WorkflowInstanceExecutionStateResponse</c>).</summary>
public sealed record StudioExecutionState(StudioStatus Status, StudioSubStatus SubStatus, string UpdatedAt);

/// <summary>
/// One journal entry (Elsa's <c>WorkflowExecutionLogRecord</c>). Workflow-level entries (started, finished, faulted) carry the flowchart's
/// ids and the type <c>Elsa.Workflow</c>; <see cref="ActivityInstanceId"/> is the id of the activity execution the entry belongs to.
/// </summary>
public sealed record StudioJournalRecord(
    string Id,
    string ActivityInstanceId,
    string ActivityId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    string NodeId,
    string Timestamp,
    long Sequence,
    string EventName,
    string? Message,
    string? Outcomes);

/// <summary>
/// One execution of an activity (Elsa's <c>ActivityExecutionRecord</c>), made from the journal: from its <c>Started</c> entry to its
/// <c>Completed</c>, <c>Faulted</c> or <c>Cancelled</c> one; while it waits on a bookmark it is running with <see cref="HasBookmarks"/>.
/// </summary>
public sealed record StudioActivityExecution(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    string StartedAt,
    string? CompletedAt,
    bool HasBookmarks,
    StudioActivityStatus Status,
    string? Outcomes,
    string? Message);

/// <summary>The badges of one node (Elsa's <c>ActivityExecutionStats</c>).</summary>
public sealed record StudioActivityStats(string ActivityId, string ActivityNodeId, long StartedCount, long CompletedCount, long UncompletedCount, bool IsBlocked, bool IsFaulted);
