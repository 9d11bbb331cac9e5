using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Every node on PostgreSQL: reloads the cached calendar when any node has changed it (national year or regional adjustments).</summary>
public sealed class CalendarChangedHandler(EffectiveCalendarStore calendar, ILogger<CalendarChangedHandler> logger) : INodeNotificationHandler
{
    public string Channel => EffectiveCalendarStore.ChangedChannel;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        await calendar.RefreshAsync(ct);
        logger.LogInformation("Calendar reloaded: the year {Year} was changed on a server node", payload);
    }
}
