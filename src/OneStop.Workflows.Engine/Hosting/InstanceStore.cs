using NodaTime;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>The stored row of an instance. <see cref="Version"/> is the optimistic concurrency counter.</summary>
public sealed record InstanceRecord(
    WorkflowInstanceId Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    InstanceState State,
    long Version,
    Instant CreatedAt,
    Instant UpdatedAt);

/// <summary>An instance as loaded at the start of a step: the row and its open bookmarks.</summary>
public sealed record InstanceSnapshot(InstanceRecord Instance, IReadOnlyList<Bookmark> OpenBookmarks);

/// <summary>The first answer to a resume, kept under its idempotency key.</summary>
public sealed record IdempotencyRecord(string Key, BookmarkId BookmarkId, string ResultJson, Instant CreatedAt);

/// <summary>
/// Everything one step changes, written in one transaction: the instance row (with a version check
/// against <see cref="ExpectedVersion"/>; null inserts), bookmarks, journal entries and the idempotency record —
/// and, through the store's step writers, the domain changes that <see cref="Effects"/> and <see cref="Context"/> imply.
/// </summary>
/// <param name="Effects">Domain facts the activities reported during the step.</param>
/// <param name="Context">What the caller of the host attached to the command (e.g. the case being submitted, who decides).</param>
public sealed record StepCommit(
    InstanceRecord Instance,
    long? ExpectedVersion,
    IReadOnlyList<Bookmark> CreatedBookmarks,
    IReadOnlyList<BookmarkId> RemovedBookmarks,
    IReadOnlyList<JournalEntry> Journal,
    IdempotencyRecord? Idempotency,
    IReadOnlyList<StepEffect>? Effects = null,
    object? Context = null);

/// <summary>Stores instances, bookmarks, the journal and idempotency records.</summary>
public interface IWorkflowInstanceStore
{
    Task<InstanceSnapshot?> LoadAsync(WorkflowInstanceId id, CancellationToken ct);

    Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowInstanceId id, string key, CancellationToken ct);

    /// <summary>Writes the step atomically; throws <see cref="ConcurrencyConflictException"/> when the version check or a unique key fails.</summary>
    Task CommitAsync(StepCommit commit, CancellationToken ct);

    /// <summary>Journal entries in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WorkflowInstanceId id, long afterSequence, int take, CancellationToken ct);
}
