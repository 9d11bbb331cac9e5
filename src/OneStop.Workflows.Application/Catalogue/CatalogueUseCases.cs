using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class CatalogueUseCases
{
    public static IServiceCollection AddCatalogueUseCases(this IServiceCollection services) => services
        .AddScoped<ListDepartments>()
        .AddScoped<ListServiceItems>()
        .AddScoped<GetServiceItem>()
        .AddScoped<CreateServiceItem>()
        .AddScoped<UpdateServiceItem>();
}
