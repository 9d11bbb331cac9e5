using Microsoft.Extensions.Options;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Binds <see cref="DefinitionLimits"/> from <c>Definitions:MaxActivities</c> / <c>Definitions:MaxConnections</c>; a value below 1 stops the start.</summary>
public static class DefinitionLimitsSetup
{
    public static IServiceCollection AddDefinitionLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DefinitionLimits>()
            .Bind(configuration.GetSection(DefinitionLimits.Section))
            .Validate(l => l.MaxActivities >= 1, "Definitions:MaxActivities must be at least 1.")
            .Validate(l => l.MaxConnections >= 1, "Definitions:MaxConnections must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DefinitionLimits>>().Value);
        return services;
    }
}
