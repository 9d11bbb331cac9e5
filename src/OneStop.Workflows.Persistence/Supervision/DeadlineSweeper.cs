using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Shared;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Told by <see cref="DeadlineSweeper"/> of every batch of signals it fires, inside the firing transaction (alerts hook in
/// here). A batch holds up to the sweep's batch size; handlers should look up what they need once per batch.
/// </summary>
public interface ISignalFiredHandler
{
    Task HandleAsync(OneStopDbContext db, IReadOnlyList<SignalRow> fired, CancellationToken ct);
}

/// <summary>
/// Raises due signals: batches of pending rows whose due instant has passed, taken with
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL (so several nodes sweep at once without waiting for each other), each
/// marked fired with a guarded update in the same transaction as its audit event and alerts. A signal fires at most
/// once however often sweeps rerun or overlap: the guard, the row lock and the unique (subject, rule, level) see to it.
/// </summary>
/// <remarks>
/// On PostgreSQL a batch is taken, locked and marked in one statement (<see cref="PostgreSqlFireBatch"/>), and its audit
/// events and alerts are written with binary COPY, so the cost per signal is a few rows copied, not a few round trips.
/// </remarks>
public sealed class DeadlineSweeper(
    IDbContextFactory<OneStopDbContext> contexts, OneStopDatabaseOptions database, IClock clock, IEnumerable<ISignalFiredHandler> handlers, ILogger<DeadlineSweeper> logger)
{
    public const int DefaultBatchSize = 1000;

    /// <summary>
    /// The PostgreSQL batch statement: parameters <c>{0}</c> now and <c>{1}</c> the batch size. The inner select is what
    /// the partial index <c>ix_supervision_signals_pending_due_at</c> serves; rows another sweeper holds are skipped.
    /// </summary>
    public const string PostgreSqlFireBatch = """
        UPDATE onestop.supervision_signals AS s SET fired_at = {0}
        WHERE s.id IN (
            SELECT id FROM onestop.supervision_signals
            WHERE fired_at IS NULL AND due_at <= {0} AND level <> 'Action'
            ORDER BY due_at
            LIMIT {1}
            FOR UPDATE SKIP LOCKED)
        AND s.fired_at IS NULL
        RETURNING s.*
        """;

    /// <summary>What a batch writes in bulk on PostgreSQL: its audit events and alerts.</summary>
    private static readonly Type[] BulkTypes = [typeof(AuditEvent), typeof(AlertRow)];

    private readonly ISignalFiredHandler[] _handlers = handlers.ToArray();

    /// <summary>
    /// Fires every signal due by now, including those a handler inserted due at once (a yellow-card accumulation red);
    /// answers how many fired.
    /// </summary>
    public async Task<int> SweepAsync(int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var total = 0;
        while (true)
        {
            var (fired, followUps) = await SweepBatchAsync(batchSize, ct);
            total += fired;
            if (fired < batchSize && followUps == 0)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Deadline sweep raised {Count} signal(s)", total);
        }

        return total;
    }

    /// <summary>One batch; answers how many fired and how many signals due by now its handlers added (the next batch takes them).</summary>
    private async Task<(int Fired, int FollowUps)> SweepBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetCurrentInstant();
        var fired = database.Provider == DatabaseProvider.PostgreSql
            ? await db.Signals.FromSqlRaw(PostgreSqlFireBatch, now, batchSize).AsNoTracking().ToListAsync(ct)
            : await MarkOnSqliteAsync(db, now, batchSize, ct);
        if (fired is null)
        {
            await transaction.RollbackAsync(ct);
            return (0, 0);
        }

        if (fired.Count == 0)
        {
            return (0, 0);
        }

        foreach (var signal in fired)
        {
            signal.FiredAt = now;
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.Raised(signal.Level), signal.CaseId, signal.SubjectId.ToString(),
                System.Text.Json.JsonSerializer.Serialize(new { signal.Rule, level = signal.Level.ToString(), dueAt = signal.DueAt.ToString() }), signal.Basis));
        }

        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(db, fired, ct);
        }

        var followUps = db.ChangeTracker.Entries<SignalRow>().Count(e => e.State == EntityState.Added && e.Entity.DueAt <= now);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await PostgreSqlBulkInsert.CopyAddedAsync(db, BulkTypes, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (fired.Count, followUps);
    }

    /// <summary>
    /// SQLite has no row locks (its writers are serialised by the database lock): read the due rows, then mark them with
    /// a guarded update. Answers null if another sweeper fired some of them in between, so the batch is refused and the
    /// next sweep takes what is left.
    /// </summary>
    private static async Task<List<SignalRow>?> MarkOnSqliteAsync(OneStopDbContext db, Instant now, int batchSize, CancellationToken ct)
    {
        var due = await db.Signals.AsNoTracking()
            .Where(s => s.FiredAt == null && s.DueAt <= now && s.Level != SignalLevel.Action)
            .OrderBy(s => s.DueAt).Take(batchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return due;
        }

        var ids = due.Select(s => s.Id).ToArray();
        var marked = await db.Signals.Where(s => ids.Contains(s.Id) && s.FiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FiredAt, now), ct);
        return marked == due.Count ? due : null;
    }
}
