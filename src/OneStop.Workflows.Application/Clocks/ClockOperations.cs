using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>
/// The shared load / check / save of the clock commands: loads a case with its running clocks, checks who may act (the
/// lead department's head or window clerk), and saves the change with the clocks' pending signals re-planned — one
/// transaction on the scope's unit of work.
/// </summary>
public sealed class ClockOperations(OneStopDbContext db, IClock clock, CentreTimeZone centre, SignalPlanner planner,
    EffectiveCalendarStore calendar, CentreDay day, NotificationOptions notifications)
{
    /// <summary>What a clock change works on: the case, its running clocks, now and today in the centre, the calendar in force.</summary>
    public sealed record Scope(OneStopDbContext Db, Case Case, List<Clock> Clocks, Instant Now, LocalDate Today, WorkingDayCalendar Calendar, CentreDay Day, string Channel)
    {
        /// <summary>The running clocks as the API shows them.</summary>
        public IReadOnlyList<ClockView> Views() => Clocks.Select(c => ClockView.From(c, Calendar, Day)).ToList();

        /// <summary>Records to store even when the change is refused (such as the audit of a refused extension).</summary>
        internal List<Action<OneStopDbContext>> KeptOnRefusal { get; } = [];

        /// <summary>Stores what <paramref name="record"/> adds even if the change is refused; everything else a refused change did is discarded.</summary>
        public void KeepOnRefusal(Action<OneStopDbContext> record) => KeptOnRefusal.Add(record);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the case's clocks. A refusal it returns changes nothing — only what it asked to
    /// keep (<see cref="Scope.KeepOnRefusal"/>, such as an audited refusal) is stored; otherwise the change is saved and
    /// <paramref name="answer"/> says what to return.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(string caseId, Actor actor, bool headOnly, Func<Scope, Refusal?> change, Func<Scope, T> answer, CancellationToken ct)
    {
        var c = CaseId.TryParse(caseId, out var id) ? await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (c is null || !await CaseAccess.CanSeeAsync(db, actor, c.Id, ct))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        var allowed = actor.WorksFor(c.LeadDepartment) && (actor.Role == Role.DepartmentHead || (!headOnly && actor.Role == Role.WindowClerk));
        if (!allowed && !(headOnly && actor.Role == Role.Administrator))
        {
            return Refusal.Forbidden(headOnly
                ? $"Only the head of the lead department ({c.LeadDepartment}) approves this."
                : $"Only the lead department's ({c.LeadDepartment}) window or head may do this.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var clocks = await db.Clocks.Where(k => k.CaseId == c.Id && k.StoppedAt == null).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        var scope = new Scope(db, c, clocks, now, centre.DateOf(now), await calendar.CurrentAsync(ct), day, notifications.Channel);
        if (change(scope) is { } refusal)
        {
            // A refusal may come after the change touched some clocks: discard all of it, then store only what is kept.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (scope.KeptOnRefusal.Count > 0)
            {
                scope.KeptOnRefusal.ForEach(record => record(db));
                await db.SaveChangesAsync(ct);
            }

            return refusal;
        }

        foreach (var k in clocks)
        {
            await planner.ReplanAsync(db, k, now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict("The case's clock changed meanwhile; read it again and retry.", RefusalCodes.ClockConcurrentChange);
        }

        return answer(scope);
    }
}
