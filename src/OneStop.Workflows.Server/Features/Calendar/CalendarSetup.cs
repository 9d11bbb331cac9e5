namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Routes of the official calendar and the deadline preview.</summary>
public static class CalendarSetup
{
    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        api.MapCalendarYears();
        api.MapPreviewDeadline();
        return api;
    }
}
