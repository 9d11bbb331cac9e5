using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Yellow-card accumulation (<see cref="YellowAccumulationRule"/>, <c>Supervision:YellowToRed</c>), when switched on. For
/// each batch the sweep fires it takes the yellow cards in firing order (due instant, then id), counts each one's
/// department's yellow cards fired earlier within the period plus the batch's own before it, and for a card that brings
/// its department to a multiple of k inserts a red-card signal row (<see cref="SignalRules.YellowAccumulation"/>) on that
/// card's clock and subject, due at the firing instant. The sweep fires that row in its next batch through the normal
/// path — once per (subject, rule, level), audited, alerts to the department head(s) and supervisors.
/// </summary>
/// <remarks>
/// On PostgreSQL, batches with yellow cards take a transaction-scoped advisory lock before counting, so that concurrent
/// sweepers count one after the other (each sees the cards the other committed; without it, two sweepers could each miss
/// the other's uncommitted cards). A subject already carrying an accumulation red gets no second one. Stateless.
/// </remarks>
public sealed class YellowAccumulationHandler(YellowAccumulationRule rule, CentreDay day, OneStopDatabaseOptions database) : ISignalFiredHandler
{
    /// <summary>The key of the advisory lock that serialises counting (an arbitrary constant, "OSYELLOW" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x4F53_5945_4C4C_4F57;

    public async Task<FiredBatchWrites> HandleAsync(OneStopDbContext db, IReadOnlyList<SignalRow> fired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fired);
        if (!rule.IsOn)
        {
            return FiredBatchWrites.None;
        }

        var yellows = fired.Where(s => s.Level == SignalLevel.Yellow).OrderBy(s => s.DueAt).ThenBy(s => s.Id).ToList();
        if (yellows.Count == 0)
        {
            return FiredBatchWrites.None;
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLockKey], ct);
        }

        var now = yellows[0].FiredAt ?? throw new InvalidOperationException($"Signal {yellows[0].Id} is handled before it is marked fired.");
        var firedOn = day.Centre.DateOf(now);
        var periodStart = day.StartOf(rule.PeriodStart(firedOn));
        var batchIds = yellows.Select(s => s.Id).ToList();
        var departments = await WithDepartment(db).Where(x => batchIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Department, ct);
        var names = departments.Values.Distinct().ToList();

        // Every yellow card committed since the period started, whatever its sweeper's clock said: counting is serialised.
        var earlier = await WithDepartment(db)
            .Where(x => x.Level == SignalLevel.Yellow && x.FiredAt >= periodStart && !batchIds.Contains(x.Id) && names.Contains(x.Department))
            .GroupBy(x => x.Department)
            .Select(g => new { Department = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Department, g => g.Count, ct);

        var raising = rule.Raising(yellows.Where(y => departments.ContainsKey(y.Id)).Select(y => (y, departments[y.Id])), earlier);
        if (raising.Count == 0)
        {
            return FiredBatchWrites.None;
        }

        var subjects = raising.Select(r => r.Yellow.SubjectId).Distinct().ToList();
        var carrying = (await db.Signals.AsNoTracking()
            .Where(s => s.Rule == SignalRules.YellowAccumulation && s.Level == SignalLevel.Red && subjects.Contains(s.SubjectId))
            .Select(s => s.SubjectId).ToListAsync(ct)).ToHashSet();
        var reds = rule.RedCards(raising, y => y.SubjectId, carrying, firedOn);
        foreach (var (yellow, basis) in reds)
        {
            db.Signals.Add(new SignalRow
            {
                Id = SignalId.New(),
                CaseId = yellow.CaseId,
                ClockId = yellow.ClockId,
                SubjectId = yellow.SubjectId,
                SubjectKind = yellow.SubjectKind,
                Rule = SignalRules.YellowAccumulation,
                Level = SignalLevel.Red,
                DueAt = now,
                Basis = basis,
                CreatedAt = now,
            });
        }

        return new FiredBatchWrites([], reds.Count);
    }

    /// <summary>Signals with the department they count for: the review's for a step clock, the case's lead department otherwise.</summary>
    private static IQueryable<SignalDepartment> WithDepartment(OneStopDbContext db) =>
        from s in db.Signals.AsNoTracking()
        join k in db.Clocks on s.ClockId equals (ClockId?)k.Id
        join c in db.Cases on k.CaseId equals c.Id
        join t in db.Tasks on k.TaskId equals (Domain.Cases.TaskId?)t.Id into tasks
        from t in tasks.DefaultIfEmpty()
        select new SignalDepartment { Id = s.Id, Level = s.Level, FiredAt = s.FiredAt, Department = t == null ? c.LeadDepartment : t.Department };

    private sealed class SignalDepartment
    {
        public SignalId Id { get; init; }

        public SignalLevel Level { get; init; }

        public NodaTime.Instant? FiredAt { get; init; }

        public string Department { get; init; } = string.Empty;
    }
}
