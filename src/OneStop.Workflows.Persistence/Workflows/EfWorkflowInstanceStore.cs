using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>
/// Stores instances, bookmarks, the journal and idempotency records. A step is one transaction that starts with a
/// version-guarded update of the instance row, so of two concurrent steps of one instance exactly one commits.
/// </summary>
/// <remarks>
/// Thread-safe: every call uses its own short-lived context from the factory. A resume attempt
/// (<see cref="OpenStepAsync"/>) reads and commits on one context and connection; on PostgreSQL its reads and its commit
/// are one transaction.
/// </remarks>
public sealed class EfWorkflowInstanceStore(IDbContextFactory<OneStopDbContext> contexts, IEnumerable<IStepWriter> writers) : IWorkflowInstanceStore
{
    public async Task<InstanceSnapshot?> LoadAsync(WorkflowInstanceId id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LoadAsync(db, id, ct);
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowInstanceId id, string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await FindIdempotencyAsync(db, id, key, ct);
    }

    public async Task<IWorkflowStepSession> OpenStepAsync(WorkflowInstanceId id, string idempotencyKey, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            // PostgreSQL: the reads join the commit's transaction, and the first read locks the instance row (FOR UPDATE), so
            // concurrent steps of one instance — the parallel reviews of a case — queue in the database instead of computing a
            // step that the version check would throw away (the check still decides). SQLite: the reads share the open
            // connection and the transaction (BEGIN IMMEDIATE, the write lock) starts at the commit.
            await db.Database.OpenConnectionAsync(ct);
            db.Database.AutoSavepointsEnabled = false; // a failed step is rolled back whole, never continued
            if (!db.Database.IsNpgsql())
            {
                var replay = await FindIdempotencyAsync(db, id, idempotencyKey, ct);
                return new StepSession(this, db, null, null, replay, replay is null ? await LoadAsync(db, id, ct) : null);
            }

            var transaction = await db.Database.BeginTransactionAsync(ct);
            var read = await PostgresStepRead.ReadAsync(db, id, idempotencyKey, ct);
            var first = read.First?.ToRecord();
            var snapshot = first is not null || read.Instance is not { } row ? null
                : new InstanceSnapshot(row.ToRecord(), read.Bookmarks.Select(b => b.ToBookmark()).ToList());
            return new StepSession(this, db, transaction, snapshot is null ? null : read, first, snapshot);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<InstanceSnapshot?> LoadAsync(OneStopDbContext db, WorkflowInstanceId id, CancellationToken ct)
    {
        // The row first, then its bookmarks: if a step commits in between, the snapshot carries the older
        // version and its own commit fails the version check, so a torn read never commits.
        var row = await StepQueries.For(db).Instance(db, id);
        return row is null ? null : await SnapshotAsync(db, row, ct);
    }

    private static async Task<InstanceSnapshot> SnapshotAsync(OneStopDbContext db, WorkflowInstanceRow row, CancellationToken ct)
    {
        var id = row.Id;
        var bookmarks = await StepQueries.For(db).Bookmarks(db, id).ListAsync(ct);
        return new InstanceSnapshot(row.ToRecord(), bookmarks.Select(b => b.ToBookmark()).ToList());
    }

    private static async Task<IdempotencyRecord?> FindIdempotencyAsync(OneStopDbContext db, WorkflowInstanceId id, string key, CancellationToken ct)
    {
        var row = await StepQueries.For(db).Idempotency(db, id, key);
        return row?.ToRecord();
    }

    public async Task CommitAsync(StepCommit commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await CommitAsync(db, null, null, commit, ct);
    }

    /// <summary>
    /// Writes a step on <paramref name="db"/>, in <paramref name="open"/> or a transaction begun here, and commits. With the
    /// rows a PostgreSQL session read and still holds locked (<paramref name="locked"/>), the instance update and the bookmark
    /// deletions join the one batch of inserts; otherwise they are statements of their own guarded by the version.
    /// </summary>
    private async Task CommitAsync(OneStopDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? open,
        PostgresStepRead.Result? locked, StepCommit commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instance = commit.Instance;

        // On SQLite this is BEGIN IMMEDIATE: the write lock is taken now, so concurrent writers queue (busy timeout).
        // Whatever is thrown below, disposing the uncommitted transaction rolls it back (so no savepoint is needed).
        db.Database.AutoSavepointsEnabled = false;
        db.StepStatements.Clear();
        await using var transaction = open ?? await db.Database.BeginTransactionAsync(ct);
        // Changes are detected once, just before the save: the writers' reads of the tracked rows (DbSet.Local, Entry) would each
        // scan every tracked entity again (JSON columns compared), and what they look at (added or not, tracked or not) does not
        // depend on detection (docs/benchmarks.md, issue 9 session 4).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (commit.ExpectedVersion is not { } expected)
            {
                if (commit.PublishedCheck)
                {
                    await CheckPublishedAsync(db, instance, ct);
                }

                db.Instances.Add(WorkflowInstanceRow.From(instance));
            }
            else if (locked?.Instance is { } row && row.Id == instance.Id)
            {
                UpdateLocked(db, row, locked.Bookmarks, instance, expected, commit.RemovedBookmarks);
            }
            else
            {
                await UpdateGuardedAsync(db, instance, expected, ct);
                await DeleteBookmarksAsync(db, instance.Id, commit.RemovedBookmarks, ct);
            }

            db.Bookmarks.AddRange(commit.CreatedBookmarks.Select(b => WorkflowBookmarkRow.From(instance.Id, b)));
            db.Journal.AddRange(commit.Journal.Select(e => WorkflowJournalRow.From(instance.Id, e)));
            if (commit.Idempotency is { } idempotency)
            {
                db.Idempotency.Add(WorkflowIdempotencyRow.From(instance.Id, idempotency));
            }

            foreach (var writer in writers)
            {
                await writer.WriteAsync(db, commit, ct);
            }

            db.ChangeTracker.DetectChanges();
            // The step's context is disposed right after the commit: the writer need not mark the rows saved in the tracker.
            if (!db.Database.IsNpgsql() || !await Shared.PostgreSqlChangeWriter.TrySaveAsync(db, db.StepStatements, ct, acceptChanges: false))
            {
                foreach (var (sql, values) in db.StepStatements)
                {
                    await db.Database.ExecuteSqlRawAsync(sql, values.Select(v => new Npgsql.NpgsqlParameter { Value = v }), ct);
                }

                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is not ConcurrencyConflictException && DatabaseErrors.IsConflict(ex))
        {
            throw new ConcurrencyConflictException($"Instance {instance.Id}: a concurrent step clashed with version {instance.Version}.", ex);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public bool ChecksPublishedVersion => true;

    /// <summary>A start of a remembered version: it must still be the published one (as <c>FindPublishedAsync</c> would answer).</summary>
    private static async Task CheckPublishedAsync(OneStopDbContext db, InstanceRecord instance, CancellationToken ct)
    {
        var published = await StepQueries.For(db).PublishedVersionId(db, instance.DefinitionId, ct);
        if (published != instance.DefinitionVersionId)
        {
            throw new PublishedVersionChangedException($"Definition '{instance.DefinitionId}': version {instance.DefinitionVersionId} is no longer the published one.");
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WorkflowInstanceId id, long afterSequence, int take, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Journal.AsNoTracking()
            .Where(r => r.InstanceId == id && r.Sequence > afterSequence)
            .OrderBy(r => r.Sequence)
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>One resume attempt's context, connection and (PostgreSQL) transaction, from its reads to its commit.</summary>
    private sealed class StepSession(
        EfWorkflowInstanceStore store, OneStopDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction,
        PostgresStepRead.Result? locked, IdempotencyRecord? idempotency, InstanceSnapshot? snapshot) : IWorkflowStepSession
    {
        private bool _used;
        private bool _disposed;

        public IdempotencyRecord? Idempotency => idempotency;

        public InstanceSnapshot? Snapshot => snapshot;

        public Task CommitAsync(StepCommit commit, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_used)
            {
                throw new InvalidOperationException("A step session commits at most once.");
            }

            _used = true;
            return store.CommitAsync(db, transaction, locked, commit, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (transaction is not null)
            {
                await transaction.DisposeAsync(); // rolls back unless committed
            }

            await db.DisposeAsync();
        }
    }

    /// <summary>The version check against the row this transaction holds locked, then the update and deletions as tracked changes.</summary>
    private static void UpdateLocked(OneStopDbContext db, WorkflowInstanceRow row, List<WorkflowBookmarkRow> open, InstanceRecord instance,
        long expected, IReadOnlyList<BookmarkId> removed)
    {
        if (row.Version != expected)
        {
            throw new ConcurrencyConflictException($"Instance {instance.Id} is at version {row.Version}, not {expected}.");
        }

        var consumed = open.Where(b => removed.Contains(b.Id)).ToList();
        if (consumed.Count != removed.Count)
        {
            throw new ConcurrencyConflictException($"Instance {instance.Id}: {removed.Count - consumed.Count} of the consumed bookmarks are not open.");
        }

        db.Instances.Attach(row);
        row.Version = instance.Version;
        row.Status = instance.State.Status;
        row.State = InstanceStateJson.Serialize(instance.State);
        row.UpdatedAt = instance.UpdatedAt;
        db.Bookmarks.RemoveRange(consumed);
    }

    private static async Task UpdateGuardedAsync(OneStopDbContext db, InstanceRecord instance, long expected, CancellationToken ct)
    {
        var state = InstanceStateJson.Serialize(instance.State);
        var updated = await db.Instances
            .Where(r => r.Id == instance.Id && r.Version == expected)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Version, instance.Version)
                .SetProperty(r => r.Status, instance.State.Status)
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.UpdatedAt, instance.UpdatedAt), ct);
        if (updated == 0)
        {
            throw new ConcurrencyConflictException($"Instance {instance.Id} is no longer at version {expected} (or is gone).");
        }
    }

    private static async Task DeleteBookmarksAsync(OneStopDbContext db, WorkflowInstanceId instanceId, IReadOnlyList<BookmarkId> removed, CancellationToken ct)
    {
        if (removed.Count == 0)
        {
            return;
        }

        var ids = removed.ToArray();
        var deleted = await db.Bookmarks.Where(b => b.InstanceId == instanceId && ids.Contains(b.Id)).ExecuteDeleteAsync(ct);
        if (deleted != ids.Length)
        {
            // Cannot happen behind the version check; refuse rather than commit a step over bookmarks someone else consumed.
            throw new ConcurrencyConflictException($"Instance {instanceId}: {ids.Length - deleted} of the consumed bookmarks were already gone.");
        }
    }
}
