using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Testing.InMemory;

/// <summary>
/// Definition and instance store in memory, with the semantics a database gives: every write is checked
/// first and then applied whole (all-or-nothing), version checks and unique keys fail with
/// <see cref="ConcurrencyConflictException"/>, and readers get copies, never live state. One lock guards
/// everything, so it is safe to use from parallel tests.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowDefinitionStore, IWorkflowInstanceStore
{
    private readonly Lock _gate = new();

    // Definitions: version rows by version id.
    private readonly Dictionary<string, StoredDefinition> _versions = new(StringComparer.Ordinal);

    // Instances: the row, its open bookmarks (in creation order), its journal and its idempotency records.
    private readonly Dictionary<WorkflowInstanceId, InstanceRecord> _instances = [];
    private readonly Dictionary<WorkflowInstanceId, List<Bookmark>> _bookmarks = [];
    private readonly Dictionary<WorkflowInstanceId, SortedList<long, JournalEntry>> _journal = [];
    private readonly Dictionary<(WorkflowInstanceId Instance, string Key), IdempotencyRecord> _idempotency = [];
    private readonly HashSet<BookmarkId> _bookmarkIds = [];
    private int _commitCount;

    /// <summary>Number of successful instance commits (useful to assert that a replay wrote nothing).</summary>
    public int CommitCount
    {
        get
        {
            lock (_gate)
            {
                return _commitCount;
            }
        }
    }

    // ---- IWorkflowDefinitionStore -------------------------------------------------------------------

    public Task<StoredDefinition?> FindLatestAsync(string definitionId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(VersionsOf(definitionId).Where(v => v.IsLatest).MaxBy(v => v.Version));
        }
    }

    public Task<StoredDefinition?> FindVersionAsync(string definitionId, int version, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(VersionsOf(definitionId).FirstOrDefault(v => v.Version == version));
        }
    }

    public Task<StoredDefinition?> FindPublishedAsync(string definitionId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(VersionsOf(definitionId).Where(v => v.IsPublished).MaxBy(v => v.Version));
        }
    }

    public Task<StoredDefinition?> FindByIdAsync(string versionId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault(versionId));
        }
    }

    /// <summary>
    /// Inserts (unique on version id and on (definition id, version)) or overwrites a draft. Overwriting a
    /// version that is missing, no longer the latest or already published is a conflict: a published version
    /// is immutable, and the row the caller decided from has changed under it.
    /// </summary>
    public Task SaveAsync(DefinitionChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ct.ThrowIfCancellationRequested();
        var row = change.Version;
        lock (_gate)
        {
            var siblings = VersionsOf(row.DefinitionId).Where(v => v.Id != row.Id).ToList();
            if (change.IsNew)
            {
                if (_versions.ContainsKey(row.Id))
                {
                    throw new ConcurrencyConflictException($"Definition version id {row.Id} already exists.");
                }

                if (siblings.Any(v => v.Version == row.Version))
                {
                    throw new ConcurrencyConflictException($"Definition {row.DefinitionId} already has version {row.Version}.");
                }
            }
            else
            {
                if (!_versions.TryGetValue(row.Id, out var current) || current.DefinitionId != row.DefinitionId || current.Version != row.Version)
                {
                    throw new ConcurrencyConflictException($"Definition version {row.Id} ({row.DefinitionId} v{row.Version}) does not exist.");
                }

                if (current.IsPublished || !current.IsLatest)
                {
                    throw new ConcurrencyConflictException($"Definition {row.DefinitionId} v{row.Version} is no longer an unpublished latest draft.");
                }
            }

            foreach (var sibling in siblings)
            {
                var demoted = sibling with
                {
                    IsLatest = sibling.IsLatest && !row.IsLatest,
                    IsPublished = sibling.IsPublished && !change.UnpublishOthers,
                };
                if (demoted != sibling)
                {
                    _versions[sibling.Id] = demoted;
                }
            }

            _versions[row.Id] = row;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Drops an instance with its bookmarks, journal and idempotency records, as an archive job would; lets a
    /// benchmark keep the store at a steady size instead of measuring an ever-growing heap.
    /// </summary>
    public void Forget(WorkflowInstanceId id)
    {
        lock (_gate)
        {
            _instances.Remove(id);
            _bookmarks.Remove(id);
            _journal.Remove(id);
            foreach (var key in _idempotency.Keys.Where(k => k.Instance == id).ToList())
            {
                _idempotency.Remove(key);
            }
        }
    }

    // ---- IWorkflowInstanceStore ---------------------------------------------------------------------

    public Task<InstanceSnapshot?> LoadAsync(WorkflowInstanceId id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_instances.TryGetValue(id, out var instance))
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }

            var open = _bookmarks.TryGetValue(id, out var bookmarks) ? bookmarks.Select(Copy).ToList() : [];
            return Task.FromResult<InstanceSnapshot?>(new InstanceSnapshot(instance, open));
        }
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowInstanceId id, string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_idempotency.GetValueOrDefault((id, key)));
        }
    }

    /// <summary>
    /// Checks the whole commit (version, unique bookmark ids, unique journal sequences, unique idempotency
    /// key), then applies it. Nothing is written when any check fails.
    /// </summary>
    public Task CommitAsync(StepCommit commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ct.ThrowIfCancellationRequested();
        var id = commit.Instance.Id;
        lock (_gate)
        {
            var exists = _instances.TryGetValue(id, out var current);
            if (commit.ExpectedVersion is null && exists)
            {
                throw new ConcurrencyConflictException($"Instance {id} already exists.");
            }

            if (commit.ExpectedVersion is { } expected && (!exists || current!.Version != expected))
            {
                throw new ConcurrencyConflictException(exists
                    ? $"Instance {id} is at version {current!.Version}, not {expected}."
                    : $"Instance {id} does not exist.");
            }

            var createdIds = commit.CreatedBookmarks.Select(b => b.Id).ToList();
            if (createdIds.Distinct().Count() != createdIds.Count || createdIds.Any(_bookmarkIds.Contains))
            {
                throw new ConcurrencyConflictException($"A bookmark created by this step of instance {id} already exists.");
            }

            var journal = _journal.GetValueOrDefault(id);
            var sequences = commit.Journal.Select(e => e.Sequence).ToList();
            if (sequences.Distinct().Count() != sequences.Count || (journal is not null && sequences.Any(journal.ContainsKey)))
            {
                throw new ConcurrencyConflictException($"A journal sequence written by this step of instance {id} already exists.");
            }

            if (commit.Idempotency is { } record && _idempotency.ContainsKey((id, record.Key)))
            {
                throw new ConcurrencyConflictException($"Idempotency key '{record.Key}' is already used on instance {id}.");
            }

            // Every check passed: apply the whole step.
            _instances[id] = commit.Instance;
            if (!_bookmarks.TryGetValue(id, out var bookmarks))
            {
                bookmarks = [];
                _bookmarks[id] = bookmarks;
            }

            var removed = commit.RemovedBookmarks.ToHashSet();
            bookmarks.RemoveAll(b => removed.Contains(b.Id));
            _bookmarkIds.ExceptWith(removed);
            bookmarks.AddRange(commit.CreatedBookmarks.Select(Copy));
            _bookmarkIds.UnionWith(createdIds);

            if (journal is null)
            {
                journal = [];
                _journal[id] = journal;
            }

            foreach (var entry in commit.Journal)
            {
                journal.Add(entry.Sequence, entry);
            }

            if (commit.Idempotency is { } idempotency)
            {
                _idempotency[(id, idempotency.Key)] = idempotency;
            }

            _commitCount++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WorkflowInstanceId id, long afterSequence, int take, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> entries = _journal.TryGetValue(id, out var journal)
                ? journal.Values.Where(e => e.Sequence > afterSequence).Take(take).ToList()
                : [];
            return Task.FromResult(entries);
        }
    }

    private IEnumerable<StoredDefinition> VersionsOf(string definitionId) =>
        _versions.Values.Where(v => v.DefinitionId == definitionId);

    // A database hands out a fresh copy on every read; a payload must not be shared with the caller.
    private static Bookmark Copy(Bookmark bookmark) =>
        bookmark.Payload is null ? bookmark : bookmark with { Payload = (JsonObject)bookmark.Payload.DeepClone() };
}
