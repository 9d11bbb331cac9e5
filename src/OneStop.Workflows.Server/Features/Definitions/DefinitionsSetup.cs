using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>
/// What saving a definition needs besides <c>DefinitionService</c>: the <see cref="DefinitionLimits"/> from
/// <c>Definitions:MaxActivities</c> / <c>Definitions:MaxConnections</c> (a value below 1 stops the start) and the
/// <see cref="ServerStopping"/> signal.
/// </summary>
public static class DefinitionsSetup
{
    public static IServiceCollection AddDefinitions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DefinitionLimits>()
            .Bind(configuration.GetSection(DefinitionLimits.Section))
            .Validate(l => l.MaxActivities >= 1, "Definitions:MaxActivities must be at least 1.")
            .Validate(l => l.MaxConnections >= 1, "Definitions:MaxConnections must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DefinitionLimits>>().Value);
        services.TryAddSingleton(sp => new ServerStopping(sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        return services;
    }

    /// <summary>Routes: save a definition (draft or published version), read one, list them.</summary>
    public static RouteGroupBuilder MapDefinitions(this RouteGroupBuilder api)
    {
        api.MapSaveDefinition();
        api.MapGetDefinition();
        api.MapListDefinitions();
        return api;
    }
}
