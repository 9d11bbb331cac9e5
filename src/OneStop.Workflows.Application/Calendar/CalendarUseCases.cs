using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class CalendarUseCases
{
    public static IServiceCollection AddCalendarUseCases(this IServiceCollection services) => services
        .AddScoped<GetCalendarYear>()
        .AddScoped<ImportCalendarYear>()
        .AddScoped<SetRegionalAdjustments>()
        .AddScoped<RemoveRegionalAdjustments>()
        .AddScoped<PreviewDeadline>()
        .AddScoped<ListCalendarYears>() // issue 10: the years present
        .AddScoped<PreviewCalendarChange>() // issue 10: what an import would move
        .AddScoped<PreviewRegionalChange>(); // issue 10: what a regional change would move
}
