namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Departments and the service catalogue: routes and the demo centre's seed.</summary>
public static class CatalogueSetup
{
    // Placeholder wired by ServerSetup; the catalogue work fills it in.
    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api) => api;

    public static Task SeedDemoCentreAsync(this IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}
