using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Keeps a clock's pending signal rows equal to what the card ladder plans now, under the ladder settings of the case's
/// service item (its <c>supervision</c> block over the centre's defaults). The rules are Domain's (<see cref="CardLadder"/>,
/// <see cref="SignalReplan"/>); this class loads the rows, applies the diff and looks up settings.
/// </summary>
public sealed class SignalPlanner(EffectiveCalendarStore calendar, CentreDay day, LadderSettings centreDefaults)
{
    /// <summary>The centre's defaults (<c>Supervision:Ladder:*</c>), which an item's <c>supervision</c> block overrides.</summary>
    public LadderSettings CentreDefaults => centreDefaults;

    /// <summary>The ladder settings in effect for the cases of an item (the centre's defaults for none).</summary>
    public LadderSettings EffectiveFor(ServiceItemData? item) => item?.Supervision?.Over(centreDefaults) ?? centreDefaults;

    /// <summary>
    /// Re-plans every running clock (after a calendar import), a page at a time, each page one transaction; the item
    /// settings of a page's cases are read once per page. Answers how many clocks were re-planned.
    /// </summary>
    public async Task<int> ReplanRunningClocksAsync(IDbContextFactory<OneStopDbContext> contexts, Instant now, CancellationToken ct, int pageSize = 500)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ReplanRunningClocksAsync(db, now, ct, pageSize);
    }

    /// <summary>
    /// Re-plans every running clock in <paramref name="db"/> (and its transaction, if the caller began one), a page at a
    /// time: each page is saved and the change tracker cleared, so save your own changes first. Answers how many.
    /// </summary>
    public async Task<int> ReplanRunningClocksAsync(OneStopDbContext db, Instant now, CancellationToken ct, int pageSize = 500)
    {
        var done = 0;
        while (true)
        {
            // Re-planning does not stop clocks, so paging over the same ordered set by offset is stable.
            var page = await db.Clocks.Where(c => c.StoppedAt == null).OrderBy(c => c.Id).Skip(done).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                return done;
            }

            var settings = await SettingsByCaseAsync(db, page.Select(c => c.CaseId), ct);
            await ReplanAsync(db, page, clock => settings.GetValueOrDefault(clock.CaseId, centreDefaults), now, ct);

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += page.Count;
        }
    }

    /// <summary>
    /// Re-plans the running clocks of the open cases of one service item under <paramref name="item"/>'s settings (after
    /// its <c>supervision</c> block changed), a page at a time. Runs in the caller's context and transaction: each page is
    /// saved and the change tracker cleared, so save your own changes first. Answers how many clocks were re-planned.
    /// </summary>
    public async Task<int> ReplanItemAsync(OneStopDbContext db, string itemCode, ServiceItemData item, Instant now, CancellationToken ct, int pageSize = 500)
    {
        var settings = EffectiveFor(item);
        var done = 0;
        while (true)
        {
            var page = await (
                    from k in db.Clocks
                    where k.StoppedAt == null
                    join c in db.Cases on k.CaseId equals c.Id
                    where c.ServiceItemCode == itemCode
                    orderby k.Id
                    select k)
                .Skip(done).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                return done;
            }

            await ReplanAsync(db, page, _ => settings, now, ct);

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += page.Count;
        }
    }

    /// <summary>Re-plans one clock under the settings of its case's item (looked up: the case may be new in <paramref name="db"/>).</summary>
    public async Task ReplanAsync(OneStopDbContext db, Clock clock, Instant now, CancellationToken ct) =>
        await ReplanAsync(db, clock, await SettingsForAsync(db, clock.CaseId, ct), now, ct);

    /// <summary>
    /// Re-plans one clock under <paramref name="settings"/> (see <see cref="EffectiveFor"/>): writes only what
    /// <see cref="SignalReplan.Diff"/> finds changed, so a step that leaves the clock's deadlines alone writes no signal.
    /// </summary>
    public Task ReplanAsync(OneStopDbContext db, Clock clock, LadderSettings settings, Instant now, CancellationToken ct) =>
        ReplanAsync(db, [clock], _ => settings, now, ct);

    /// <summary>
    /// Re-plans several clocks (e.g. those a step touched) under <paramref name="settings"/>, reading their stored
    /// signals in one query; like the one-clock form it writes only what changed. <paramref name="trackedCase"/> names a case
    /// whose every task and ladder signal the caller already tracks, locked on PostgreSQL (a step's working set,
    /// <see cref="StepQueries.WorkingSetAsync"/>), so neither its due days nor its signals need a read.
    /// </summary>
    public Task ReplanAsync(OneStopDbContext db, IReadOnlyCollection<Clock> clocks, LadderSettings settings, Instant now, CancellationToken ct,
        CaseId? trackedCase = null) =>
        ReplanAsync(db, clocks, _ => settings, now, ct, trackedCase);

    private async Task ReplanAsync(OneStopDbContext db, IReadOnlyCollection<Clock> clocks, Func<Clock, LadderSettings> settingsOf, Instant now, CancellationToken ct,
        CaseId? trackedCase = null)
    {
        var distinct = clocks.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        var working = await calendar.CurrentAsync(ct);
        var ids = distinct.Select(c => (ClockId?)c.Id).ToList();
        // A deemed consent belongs to its review's clock too, but it is not the ladder's (the review step plans and withdraws it).
        var rows = db.Signals.Local.Where(s => ids.Contains(s.ClockId) && s.Level != SignalLevel.Action).ToList();
        var saved = distinct.Where(c => c.CaseId != trackedCase && db.Entry(c).State != EntityState.Added).Select(c => (ClockId?)c.Id).ToList();
        if (saved.Count > 0)
        {
            var stored = db.Database.IsNpgsql()
                ? await db.Signals.FromSqlRaw(StepQueries.LadderSignalsForUpdate, saved.Select(c => c!.Value.Value).ToArray()).ToListAsync(ct)
                : await StepQueries.For(db).LadderSignals(db, saved).ListAsync(ct);
            rows = rows.Union(stored).ToList();
        }

        var byClock = rows.ToLookup(r => r.ClockId);
        foreach (var clock in distinct)
        {
            Apply(db, clock, CardLadder.Plan(clock, working, day, settingsOf(clock)), byClock[clock.Id].ToList(), now);
        }

        await PlanDueDaysAsync(db, distinct, working, trackedCase, ct);
    }

    /// <summary>
    /// Stores each clock's promised due day on the tasks it times (<see cref="ApprovalTask.DueDay"/>, ADR 0009): a step
    /// clock's review, a case clock's window tasks. Tracked tasks (a step's working set, new tasks) are set in place and saved
    /// with the caller's changes; the others get one UPDATE per distinct day, in the caller's transaction, without the task's
    /// version check (the due day is not a change of the task) and only where the day differs. The tasks of
    /// <paramref name="trackedCase"/> are all tracked, so they are not read again.
    /// </summary>
    private static async Task PlanDueDaysAsync(OneStopDbContext db, List<Clock> clocks, WorkingDayCalendar working, CaseId? trackedCase, CancellationToken ct)
    {
        var dues = clocks.ToDictionary(c => c.Id, c => c.Deadlines(working).PromisedDue);
        var stepDue = clocks.Where(c => c.TaskId is not null).GroupBy(c => c.TaskId!.Value).ToDictionary(g => g.Key, g => dues[g.First().Id]);
        var caseDue = clocks.Where(c => c.Kind == ClockKind.Case).GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => dues[g.First().Id]);
        bool Timed(TaskId id, TaskKind kind, CaseId caseId) => kind == TaskKind.Review ? stepDue.ContainsKey(id) : caseDue.ContainsKey(caseId);
        LocalDate? DueOf(TaskId id, TaskKind kind, CaseId caseId) => kind == TaskKind.Review ? stepDue.GetValueOrDefault(id) : caseDue.GetValueOrDefault(caseId);

        var tracked = db.Tasks.Local.Where(t => Timed(t.Id, t.Kind, t.CaseId)).ToList();
        foreach (var task in tracked.Where(t => t.DueDay != DueOf(t.Id, t.Kind, t.CaseId)))
        {
            task.PlanDueDay(DueOf(task.Id, task.Kind, task.CaseId));
        }

        var trackedIds = tracked.Select(t => t.Id).ToHashSet();
        var untracked = clocks.Where(c => c.CaseId != trackedCase).ToList();
        var stepIds = untracked.Where(c => c.TaskId is not null).Select(c => c.TaskId!.Value).Where(id => !trackedIds.Contains(id)).Distinct().ToList();
        var caseIds = untracked.Where(c => c.Kind == ClockKind.Case).Select(c => c.CaseId).Distinct().ToList();
        if (stepIds.Count == 0 && caseIds.Count == 0)
        {
            return;
        }

        var stored = await db.Tasks.AsNoTracking()
            .Where(t => stepIds.Contains(t.Id) || (t.Kind != TaskKind.Review && caseIds.Contains(t.CaseId)))
            .Select(t => new { t.Id, t.Kind, t.CaseId, t.DueDay }).ToListAsync(ct);
        var changed = stored.Where(t => !trackedIds.Contains(t.Id) && Timed(t.Id, t.Kind, t.CaseId) && t.DueDay != DueOf(t.Id, t.Kind, t.CaseId))
            .GroupBy(t => DueOf(t.Id, t.Kind, t.CaseId));
        foreach (var group in changed)
        {
            var ids = group.Select(t => t.Id).ToList();
            var due = group.Key;
            await db.Tasks.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(u => u.SetProperty(t => t.DueDay, due), ct);
        }
    }

    /// <summary>Writes the <see cref="SignalReplan.Diff"/> of one clock's plan against its rows: updates, deletes, inserts.</summary>
    private static void Apply(OneStopDbContext db, Clock clock, IReadOnlyList<PlannedSignal> planned, List<SignalRow> rows, Instant now)
    {
        var byId = rows.ToDictionary(r => r.Id);
        var changes = SignalReplan.Diff(planned, rows.Select(r => new StoredSignal(r.Id, r.Rule, r.Level, r.DueAt, r.Basis, r.FiredAt)).ToList(), now);
        foreach (var (id, plan) in changes.Updates)
        {
            byId[id].DueAt = plan.DueAt;
            byId[id].Basis = plan.Basis;
        }

        foreach (var id in changes.Deletes)
        {
            db.Signals.Remove(byId[id]);
        }

        foreach (var plan in changes.Inserts)
        {
            db.Signals.Add(new SignalRow
            {
                Id = SignalId.New(),
                CaseId = clock.CaseId.Value,
                ClockId = clock.Id,
                SubjectId = clock.TaskId?.Value ?? clock.CaseId.Value,
                SubjectKind = clock.Kind,
                Rule = plan.Rule,
                Level = plan.Level,
                DueAt = plan.DueAt,
                Basis = plan.Basis,
                CreatedAt = now,
            });
        }
    }

    private async Task<LadderSettings> SettingsForAsync(OneStopDbContext db, CaseId caseId, CancellationToken ct)
    {
        var code = db.Cases.Local.FirstOrDefault(c => c.Id == caseId)?.ServiceItemCode
            ?? await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.ServiceItemCode).FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return centreDefaults;
        }

        return EffectiveFor(await db.ServiceItems.AsNoTracking().Where(i => i.Code == code).Select(i => i.Data).FirstOrDefaultAsync(ct));
    }

    private async Task<Dictionary<CaseId, LadderSettings>> SettingsByCaseAsync(OneStopDbContext db, IEnumerable<CaseId> caseIds, CancellationToken ct)
    {
        var ids = caseIds.Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.ServiceItemCode }).ToListAsync(ct);
        var codes = cases.Select(c => c.ServiceItemCode).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(i => codes.Contains(i.Code)).Select(i => new { i.Code, i.Data }).ToDictionaryAsync(i => i.Code, i => i.Data, ct);
        return cases.ToDictionary(c => c.Id, c => EffectiveFor(items.GetValueOrDefault(c.ServiceItemCode)));
    }
}
