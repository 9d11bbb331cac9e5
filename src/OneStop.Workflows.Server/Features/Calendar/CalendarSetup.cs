namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Routes of the official calendar (national years and the centre's regional adjustments) and the deadline preview.</summary>
public static class CalendarSetup
{
    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        api.MapGetCalendarYear();
        api.MapImportCalendarYear();
        api.MapSetRegionalAdjustments();
        api.MapRemoveRegionalAdjustments();
        api.MapPreviewDeadline();
        api.MapListCalendarYears();
        api.MapPreviewCalendarChange();
        return api;
    }
}
