using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>Raised by <see cref="DeadlineSweeper"/> for every signal it fires, inside the firing transaction (alerts hook in here).</summary>
public interface ISignalFiredHandler
{
    Task HandleAsync(OneStopDbContext db, SignalRow signal, CancellationToken ct);
}

/// <summary>
/// Raises due signals: batches of pending rows whose due instant has passed, taken with
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL (so several nodes sweep at once without waiting for each other), each
/// marked fired with a guarded update in the same transaction as its audit event and alerts. A signal fires at most
/// once however often sweeps rerun or overlap: the guard, the row lock and the unique (subject, rule, level) see to it.
/// </summary>
public sealed class DeadlineSweeper(
    IDbContextFactory<OneStopDbContext> contexts, OneStopDatabaseOptions database, IClock clock, IEnumerable<ISignalFiredHandler> handlers, ILogger<DeadlineSweeper> logger)
{
    public const int DefaultBatchSize = 1000;

    /// <summary>Fires every signal due by now; answers how many fired.</summary>
    public async Task<int> SweepAsync(int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var fired = await SweepBatchAsync(batchSize, ct);
            total += fired;
            if (fired < batchSize)
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

    private async Task<int> SweepBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetCurrentInstant();
        var due = database.Provider == DatabaseProvider.PostgreSql
            ? await db.Signals.FromSqlInterpolated($"""
                SELECT * FROM onestop.supervision_signals
                WHERE fired_at IS NULL AND due_at <= {now} AND level <> 'Action'
                ORDER BY due_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Signals.Where(s => s.FiredAt == null && s.DueAt <= now && s.Level != SignalLevel.Action).OrderBy(s => s.DueAt).Take(batchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(s => s.Id).ToArray();
        var marked = await db.Signals.Where(s => ids.Contains(s.Id) && s.FiredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FiredAt, now), ct);
        if (marked != due.Count)
        {
            // Only possible if another sweeper fired some of these rows between our read and our update (no row locks on
            // SQLite); refuse the batch and let the next sweep take what is left.
            await transaction.RollbackAsync(ct);
            return 0;
        }

        foreach (var signal in due)
        {
            signal.FiredAt = now;
            db.AuditEvents.Add(new AuditEvent(now, "system", $"{signal.Level}Raised", signal.CaseId, signal.SubjectId.ToString(),
                System.Text.Json.JsonSerializer.Serialize(new { signal.Rule, level = signal.Level.ToString(), dueAt = signal.DueAt.ToString() }), signal.Basis));
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(db, signal, ct);
            }
        }

        db.ChangeTracker.Entries<SignalRow>().ToList().ForEach(e => e.State = EntityState.Unchanged);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}
