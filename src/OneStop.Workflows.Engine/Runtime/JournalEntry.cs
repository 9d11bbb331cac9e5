using NodaTime;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>What happened, in the past tense, as the journal records it (names follow Elsa's journal).</summary>
public static class JournalEvents
{
    public const string WorkflowStarted = "WorkflowStarted";
    public const string Started = "Started";
    public const string Completed = "Completed";
    public const string Suspended = "Suspended";
    public const string Resumed = "Resumed";
    public const string Arrived = "Arrived";
    public const string Cancelled = "Cancelled";
    public const string Faulted = "Faulted";
    public const string WorkflowFinished = "WorkflowFinished";
    public const string WorkflowFaulted = "WorkflowFaulted";
}

/// <summary>
/// One append-only journal entry. <see cref="Sequence"/> is gap-free and unique per instance.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    Instant At,
    string Event,
    string? ActivityId,
    string? ActivityType,
    string? Outcomes = null,
    string? Message = null);
