using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>A year of the official calendar as in force (any member of staff); not found for a year without national data.</summary>
public sealed class GetCalendarYear(EffectiveCalendarStore calendar)
{
    public sealed record Query(int Year);

    public async Task<Result<CalendarWire.YearResponse>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (CalendarRules.YearOutsideRange(query.Year) is { } outside)
        {
            return outside;
        }

        var current = await calendar.CurrentAsync(ct);
        return current.Year(query.Year) is not null
            ? CalendarWire.From(current, query.Year)
            : Refusal.NotFound($"No official calendar for {query.Year}: deadlines reaching it count Monday–Friday and are provisional until it is imported.");
    }
}
