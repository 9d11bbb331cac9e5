using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>Registers the use cases of this area (scoped), and their shared load / check / save.</summary>
internal static class ClockUseCases
{
    public static IServiceCollection AddClockUseCases(this IServiceCollection services) => services
        .AddScoped<ClockOperations>()
        .AddScoped<GetClocks>()
        .AddScoped<SuspendClock>()
        .AddScoped<EndSuspension>()
        .AddScoped<ExtendDeadline>()
        .AddScoped<ExplainDeadline>();
}
