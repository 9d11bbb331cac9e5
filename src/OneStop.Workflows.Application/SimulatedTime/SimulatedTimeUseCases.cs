using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>Registers the use cases of the simulated clock (scoped; the clock itself is registered by the server's clock setup when simulated).</summary>
internal static class SimulatedTimeUseCases
{
    public static IServiceCollection AddSimulatedTimeUseCases(this IServiceCollection services) => services
        .AddScoped(sp => new ChangeSimulatedClock(sp.GetService<SimulatedClock>(), sp.GetRequiredService<Persistence.OneStopDbContext>(),
            sp.GetRequiredService<Domain.Calendar.CentreTimeZone>(), sp.GetRequiredService<Persistence.Calendar.EffectiveCalendarStore>(),
            sp.GetServices<IClockChangeListener>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChangeSimulatedClock>>()))
        .AddScoped(sp => new GetClockReading(sp.GetService<SimulatedClock>(), sp.GetRequiredService<NodaTime.IClock>(),
            sp.GetRequiredService<Domain.Calendar.CentreTimeZone>()));
}
