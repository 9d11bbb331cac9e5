using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>
/// Loads a case with its running clocks for a clock operation, checks who may act (the lead department's head or
/// window clerk), and saves the change with the clocks' pending signals re-planned — one transaction.
/// </summary>
public sealed class ClockOperations(IDbContextFactory<OneStopDbContext> contexts, IClock clock, CentreTimeZone centre, SignalPlanner planner,
    OfficialCalendar calendar, CentreDay day, NotificationOptions notifications)
{
    public sealed record Scope(OneStopDbContext Db, Case Case, List<Clock> Clocks, Instant Now, LocalDate Today, WorkingDayCalendar Calendar, CentreDay Day, string Channel);

    /// <summary>Runs <paramref name="change"/> on the case's clocks; a non-null result is returned as is (a refusal), else the change is saved.</summary>
    public async Task<IResult> RunAsync(string caseId, Actor user, bool headOnly, Func<Scope, IResult?> change, Func<Scope, IResult> answer, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = CaseId.TryParse(caseId, out var id) ? await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (c is null || !await CaseAccess.CanSeeAsync(db, user, c.Id, ct))
        {
            return Problems.NotFound("No case with that id is visible to you.");
        }

        var allowed = user.Department == c.LeadDepartment && (user.Role == Role.DepartmentHead || (!headOnly && user.Role == Role.WindowClerk));
        if (!allowed && !(headOnly && user.Role == Role.Administrator))
        {
            return Problems.Forbidden(headOnly
                ? $"Only the head of the lead department ({c.LeadDepartment}) approves this."
                : $"Only the lead department's ({c.LeadDepartment}) window or head may do this.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var clocks = await db.Clocks.Where(k => k.CaseId == c.Id && k.StoppedAt == null).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        var scope = new Scope(db, c, clocks, now, centre.DateOf(now), await calendar.CurrentAsync(ct), day, notifications.Channel);
        if (change(scope) is { } refusal)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
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
            return Problems.Conflict("The case's clock changed meanwhile; read it again and retry.", "clock.concurrent-change");
        }

        return answer(scope);
    }
}
