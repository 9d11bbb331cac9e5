using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>An administrator removes the centre's regional adjustments of a year; audited; re-plans running clocks. Not found for a year without national data.</summary>
public sealed class RemoveRegionalAdjustments(EffectiveCalendarStore calendar, SignalPlanner planner, OneStopDbContext db, IClock clock, ILogger<EffectiveCalendarStore> logger)
{
    public sealed record Command(int Year, string? Reason);

    public async Task<Result<CalendarWire.YearResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if ((CalendarRules.AdministratorOnly(actor) ?? CalendarRules.YearOutsideRange(command.Year)) is { } refused)
        {
            return refused;
        }

        var change = await calendar.RemoveRegionalAsync(command.Year, actor.UserName, command.Reason, ct);
        return await CalendarRules.AnswerAsync(change, command.Year, "regional adjustments removed", actor, planner, db, clock, logger, ct);
    }
}
