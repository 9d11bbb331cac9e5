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
/// <param name="PublishedCheck">
/// A start of a remembered published version: the store checks in the commit's transaction that the instance's version is
/// still its definition's published one, else throws <see cref="PublishedVersionChangedException"/> and writes nothing.
/// </param>
public sealed record StepCommit(
    InstanceRecord Instance,
    long? ExpectedVersion,
    IReadOnlyList<Bookmark> CreatedBookmarks,
    IReadOnlyList<BookmarkId> RemovedBookmarks,
    IReadOnlyList<JournalEntry> Journal,
    IdempotencyRecord? Idempotency,
    IReadOnlyList<StepEffect>? Effects = null,
    object? Context = null,
    bool PublishedCheck = false);

/// <summary>Thrown by a store when a start's <see cref="StepCommit.PublishedCheck"/> fails; the host looks the published version up again.</summary>
public sealed class PublishedVersionChangedException(string message) : Exception(message);

/// <summary>
/// One attempt of a resume against the store: what it read (the first answer under its idempotency key, else the
/// instance) and its commit, on one connection — on PostgreSQL in one transaction. Disposing it uncommitted changes nothing.
/// </summary>
public interface IWorkflowStepSession : IAsyncDisposable
{
    /// <summary>The first answer under the key, when the resume was already made (then <see cref="Snapshot"/> is not read).</summary>
    IdempotencyRecord? Idempotency { get; }

    /// <summary>The instance and its open bookmarks; null when there is no such instance (or <see cref="Idempotency"/> answered).</summary>
    InstanceSnapshot? Snapshot { get; }

    /// <summary>Writes the step as <see cref="IWorkflowInstanceStore.CommitAsync"/> does; at most once per session.</summary>
    Task CommitAsync(StepCommit commit, CancellationToken ct);
}

/// <summary>Stores instances, bookmarks, the journal and idempotency records.</summary>
public interface IWorkflowInstanceStore
{
    Task<InstanceSnapshot?> LoadAsync(WorkflowInstanceId id, CancellationToken ct);

    Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowInstanceId id, string key, CancellationToken ct);

    /// <summary>
    /// Reads what one resume attempt needs and keeps it open for the commit. The default makes the separate calls
    /// (<see cref="FindIdempotencyAsync"/>, <see cref="LoadAsync"/>, <see cref="CommitAsync"/>); a database store reads and
    /// commits on one connection.
    /// </summary>
    async Task<IWorkflowStepSession> OpenStepAsync(WorkflowInstanceId id, string idempotencyKey, CancellationToken ct)
    {
        var first = await FindIdempotencyAsync(id, idempotencyKey, ct);
        return new SeparateCallsStepSession(this, first, first is null ? await LoadAsync(id, ct) : null);
    }

    /// <summary>Whether <see cref="CommitAsync"/> honours <see cref="StepCommit.PublishedCheck"/> (then the host may start a remembered published version).</summary>
    bool ChecksPublishedVersion => false;

    /// <summary>Writes the step atomically; throws <see cref="ConcurrencyConflictException"/> when the version check or a unique key fails.</summary>
    Task CommitAsync(StepCommit commit, CancellationToken ct);

    /// <summary>Journal entries in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WorkflowInstanceId id, long afterSequence, int take, CancellationToken ct);
}

/// <summary>A step session made of a store's separate calls (the default of <see cref="IWorkflowInstanceStore.OpenStepAsync"/>).</summary>
internal sealed class SeparateCallsStepSession(IWorkflowInstanceStore store, IdempotencyRecord? idempotency, InstanceSnapshot? snapshot) : IWorkflowStepSession
{
    public IdempotencyRecord? Idempotency => idempotency;

    public InstanceSnapshot? Snapshot => snapshot;

    public Task CommitAsync(StepCommit commit, CancellationToken ct) => store.CommitAsync(commit, ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
