using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>What the calendar use cases share: who may change the calendar, the supported years, and what a written change means for running clocks.</summary>
internal static class CalendarRules
{
    /// <summary>Refuses (403) anyone but an administrator (the route's policy says the same).</summary>
    public static Refusal? AdministratorOnly(Actor actor) =>
        actor.Role == Role.Administrator ? null : Refusal.Forbidden("Only administrators change the official calendar.");

    /// <summary>400 under <c>year</c> for a year outside <see cref="SupportedDates"/>, else null.</summary>
    public static Refusal? YearOutsideRange(int year) =>
        SupportedDates.ContainsYear(year) ? null : Refusal.Invalid("year", SupportedDates.YearError(year));

    /// <summary>
    /// The answer to a change of the calendar (national import, regional adjustments set or removed): after a change, every running
    /// clock's pending signals are re-planned, since their due days are derived from the calendar; then the year.
    /// </summary>
    public static async Task<Result<CalendarWire.YearResponse>> AnswerAsync(CalendarChange change, int year, string what, Actor actor,
        SignalPlanner planner, OneStopDbContext db, IClock clock, ILogger logger, CancellationToken ct)
    {
        if (change.Refusal is { } refusal)
        {
            return refusal;
        }

        if (change.Changed)
        {
            var replanned = await planner.ReplanRunningClocksAsync(db, clock.GetCurrentInstant(), ct);
            logger.LogInformation("Calendar {Year} {What} by {User}; {Count} running clock(s) re-planned", year, what, actor.UserName, replanned);
        }

        return CalendarWire.From(change.Calendar!, year);
    }
}
