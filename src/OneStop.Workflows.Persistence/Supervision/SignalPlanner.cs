using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Keeps a clock's pending signal rows equal to what the card ladder plans now. Signals already due stay as they
/// are (the next sweep raises them: the subject was late before it changed); fired signals are never touched.
/// </summary>
public sealed class SignalPlanner(OfficialCalendar calendar, CentreDay day, LadderSettings settings)
{
    /// <summary>
    /// Re-plans every running clock (after a calendar import), a page at a time, each page one transaction.
    /// Answers how many clocks were re-planned.
    /// </summary>
    public async Task<int> ReplanRunningClocksAsync(IDbContextFactory<OneStopDbContext> contexts, Instant now, CancellationToken ct, int pageSize = 500)
    {
        var done = 0;
        while (true)
        {
            // Re-planning does not stop clocks, so paging over the same ordered set by offset is stable.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var page = await db.Clocks.Where(c => c.StoppedAt == null).OrderBy(c => c.Id).Skip(done).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                return done;
            }

            foreach (var clock in page)
            {
                await ReplanAsync(db, clock, now, ct);
            }

            await db.SaveChangesAsync(ct);
            done += page.Count;
        }
    }

    public async Task ReplanAsync(OneStopDbContext db, Clock clock, Instant now, CancellationToken ct)
    {
        var planned = CardLadder.Plan(clock, await calendar.CurrentAsync(ct), day, settings);
        var existing = db.Signals.Local.Where(s => s.ClockId == clock.Id).ToList();
        if (db.Entry(clock).State != EntityState.Added)
        {
            var stored = await db.Signals.Where(s => s.ClockId == clock.Id).ToListAsync(ct);
            existing = existing.Union(stored).ToList();
        }

        foreach (var row in existing.Where(r => r.FiredAt is null && r.DueAt > now))
        {
            if (planned.FirstOrDefault(p => p.Rule == row.Rule && p.Level == row.Level) is { } plan)
            {
                row.DueAt = plan.DueAt;
                row.Basis = plan.Basis;
            }
            else
            {
                db.Signals.Remove(row);
            }
        }

        foreach (var plan in planned.Where(p => !existing.Any(r => r.Rule == p.Rule && r.Level == p.Level)))
        {
            db.Signals.Add(new SignalRow
            {
                Id = Domain.Shared.SequentialGuid.New(),
                CaseId = clock.CaseId.Value,
                ClockId = clock.Id,
                SubjectId = clock.TaskId ?? clock.CaseId.Value,
                SubjectKind = clock.Kind,
                Rule = plan.Rule,
                Level = plan.Level,
                DueAt = plan.DueAt,
                Basis = plan.Basis,
                CreatedAt = now,
            });
        }
    }
}
