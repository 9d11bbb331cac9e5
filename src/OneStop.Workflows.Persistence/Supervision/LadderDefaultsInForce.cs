using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Puts the centre's ladder defaults (<c>Supervision:Ladder:*</c>) in force at start-up under the rule of
/// <see cref="LadderDefaultsChange"/>: reads the record of the last start (audit event
/// <see cref="AuditActions.LadderDefaultsInForce"/>), re-plans the running clocks and records the new defaults, in one transaction. On PostgreSQL
/// an advisory lock makes nodes starting at once take turns, so the second finds the work done.
/// </summary>
public sealed class LadderDefaultsInForce(
    IDbContextFactory<OneStopDbContext> contexts, SignalPlanner planner, OneStopDatabaseOptions database, IClock clock, ILogger<LadderDefaultsInForce> logger)
{
    /// <summary>Arbitrary, fixed: the advisory lock key of this start-up step.</summary>
    private const long LockKey = 0x4F53_4C41_4444_0001;

    /// <summary>Answers how many running clocks were re-planned, or null if the defaults had not changed.</summary>
    public async Task<int?> ApplyAsync(CancellationToken ct)
    {
        var wanted = LadderDefaultsChange.Record(planner.CentreDefaults);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey], ct);
        }

        // Ids are time-ordered (SequentialGuid), unlike At, which a simulated clock may set back at a restart.
        var recorded = await db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.LadderDefaultsInForce)
            .OrderByDescending(e => e.Id).Select(e => e.Details).FirstOrDefaultAsync(ct);
        if (!LadderDefaultsChange.IsChange(recorded, wanted))
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        var replanned = await planner.ReplanRunningClocksAsync(db, now, ct);
        db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.LadderDefaultsInForce, null, "Supervision:Ladder", wanted,
            LadderDefaultsChange.AuditText(recorded, replanned)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Centre ladder defaults {Defaults} in force; {Count} running clock(s) re-planned", wanted, replanned);
        return replanned;
    }
}
