using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Departments and the service catalogue: routes and the demo centre's seed.</summary>
public static class CatalogueSetup
{
    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder api)
    {
        api.MapListDepartments();
        api.MapListServiceItems();
        api.MapGetServiceItem();
        api.MapCreateServiceItem();
        api.MapUpdateServiceItem();
        return api;
    }

    /// <summary>Inserts the demo centre's missing departments and service items (<see cref="DemoCentre"/>); never overwrites.</summary>
    public static async Task SeedDemoCentreAsync(this IServiceProvider services, CancellationToken ct)
    {
        var (departments, items) = await DemoCentre.SeedAsync(
            services.GetRequiredService<IDbContextFactory<OneStopDbContext>>(), services.GetRequiredService<IClock>(), ct);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoCentre))
            .LogInformation("Demo centre seeded: {Departments} new department(s), {Items} new service item(s)", departments, items);
    }
}
