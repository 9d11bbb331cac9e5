using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>What a start or resume answers: the instance's status and its open bookmarks.</summary>
public sealed record StepSummary(string InstanceId, WorkflowStatus Status, IReadOnlyList<BookmarkSummary> Bookmarks);

/// <summary>An open bookmark as callers see it.</summary>
public sealed record BookmarkSummary(string Id, string ActivityId, string ActivityType, string Name)
{
    public static BookmarkSummary From(Bookmark b) => new(b.Id.ToString(), b.ActivityId, b.ActivityType, b.Name);
}

/// <summary>Why a host command was refused.</summary>
public enum HostError
{
    DefinitionNotFound,
    NoPublishedVersion,
    InstanceNotFound,
    BookmarkNotFound,
    IdempotencyKeyReused,
}

/// <summary>A host command's answer: a summary, or an error. <see cref="Replayed"/> marks a repeated idempotency key.</summary>
public sealed record HostOutcome(StepSummary? Summary, HostError? Error, bool Replayed = false)
{
    public static HostOutcome Fail(HostError error) => new(null, error);
}
