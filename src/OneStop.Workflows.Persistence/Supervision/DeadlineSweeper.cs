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
    /// <summary>Adds what the batch means to <paramref name="db"/> (not saved yet) and answers what it added.</summary>
    Task<FiredBatchWrites> HandleAsync(OneStopDbContext db, IReadOnlyList<SignalRow> fired, CancellationToken ct);
}

/// <summary>What a <see cref="ISignalFiredHandler"/> added for one batch: alerts, and signals due at once (the next batch fires them).</summary>
public sealed record FiredBatchWrites(IReadOnlyList<Guid> AlertIds, int SignalsDueNow)
{
    public static FiredBatchWrites None { get; } = new([], 0);
}

/// <summary>What one sweep wrote: how many signals fired, and the ids of the alerts committed with them (to push).</summary>
public sealed record SweepResult(int Fired, IReadOnlyList<Guid> AlertIds);

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
    /// <remarks>
    /// The same statement writes the card board's keys (ADR 0010): the review's department for a step signal, else the
    /// case's lead department; the case's service item; whether the case is open. A signal whose case does not exist gets
    /// no keys and is not counted as open.
    /// </remarks>
    public const string PostgreSqlFireBatch = """
        UPDATE onestop.supervision_signals AS s SET fired_at = {0},
            department = due.department, service_item = due.service_item, case_open = due.case_open
        FROM (
            SELECT p.id, COALESCE(t.department, c.lead_department) AS department, c.service_item_code AS service_item,
                COALESCE(c.status NOT IN ('Completed', 'NotAccepted'), false) AS case_open
            FROM onestop.supervision_signals AS p
            LEFT JOIN onestop.cases AS c ON c.id = p.case_id
            LEFT JOIN onestop.tasks AS t ON p.subject_kind = 'Step' AND t.id = p.subject_id
            WHERE p.fired_at IS NULL AND p.due_at <= {0} AND p.level <> 'Action'
            ORDER BY p.due_at
            LIMIT {1}
            FOR UPDATE OF p SKIP LOCKED) AS due
        WHERE s.id = due.id AND s.fired_at IS NULL
        RETURNING s.*
        """;

    /// <summary>What a batch writes in bulk on PostgreSQL: its audit events and alerts.</summary>
    private static readonly Type[] BulkTypes = [typeof(AuditEvent), typeof(AlertRow)];

    private readonly ISignalFiredHandler[] _handlers = handlers.ToArray();

    /// <summary>
    /// Fires every signal due by now, including those a handler inserted due at once (a yellow-card accumulation red);
    /// answers how many fired.
    /// </summary>
    public async Task<int> SweepAsync(int batchSize = DefaultBatchSize, CancellationToken ct = default) =>
        (await RaiseDueAsync(batchSize, ct)).Fired;

    /// <summary>
    /// Fires every signal due by now, as <see cref="SweepAsync"/>, and answers what it committed: the number fired and
    /// the ids of the alerts written with them (a batch that rolled back contributes nothing).
    /// </summary>
    public async Task<SweepResult> RaiseDueAsync(int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        using var activity = SupervisionTelemetry.Source.StartActivity("deadline.sweep");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = 0;
        var alertIds = new List<Guid>();
        while (true)
        {
            var (fired, writes) = await SweepBatchAsync(batchSize, ct);
            total += fired;
            alertIds.AddRange(writes.AlertIds);
            if (fired < batchSize && writes.SignalsDueNow == 0)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Deadline sweep raised {Count} signal(s)", total);
        }

        activity?.SetTag("onestop.signals_fired", total);
        SupervisionTelemetry.RecordSweep(System.Diagnostics.Stopwatch.GetElapsedTime(started), total);

        return new SweepResult(total, alertIds);
    }

    /// <summary>One batch, one transaction; answers how many fired and what its handlers added (committed by then).</summary>
    private async Task<(int Fired, FiredBatchWrites Writes)> SweepBatchAsync(int batchSize, CancellationToken ct)
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
            return (0, FiredBatchWrites.None);
        }

        if (fired.Count == 0)
        {
            return (0, FiredBatchWrites.None);
        }

        foreach (var signal in fired)
        {
            signal.FiredAt = now;
            db.AuditEvents.Add(SignalAudit.Raised(now, signal.CaseId, signal.SubjectId, signal.Rule, signal.Level, signal.DueAt, signal.Basis));
        }

        var alertIds = new List<Guid>();
        var followUps = 0;
        foreach (var handler in _handlers)
        {
            var writes = await handler.HandleAsync(db, fired, ct);
            alertIds.AddRange(writes.AlertIds);
            followUps += writes.SignalsDueNow;
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await PostgreSqlBulkInsert.CopyAddedAsync(db, BulkTypes, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        SupervisionTelemetry.RecordFired(fired, now);
        return (fired.Count, new FiredBatchWrites(alertIds, followUps));
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
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FiredAt, now).SetBoardKeys(db), ct);
        return marked == due.Count ? due : null;
    }
}
