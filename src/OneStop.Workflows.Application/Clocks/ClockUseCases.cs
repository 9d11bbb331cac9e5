using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class ClockUseCases
{
    public static IServiceCollection AddClockUseCases(this IServiceCollection services) => services;
}
