using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class SupervisionUseCases
{
    public static IServiceCollection AddSupervisionUseCases(this IServiceCollection services) => services
        // The reads and the acknowledgement.
        .AddScoped<ListSignals>()
        .AddScoped<ListAlerts>()
        .AddScoped<AcknowledgeAlert>()
        .AddScoped<GetFigures>()
        // Issue 10 (helper "admin-reads"): the card board and the monthly figures.
        .AddScoped<GetCardBoard>()
        .AddScoped<GetFigureSeries>();
}
