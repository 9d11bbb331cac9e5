using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>Registers the use cases of this area (scoped).</summary>
internal static class DefinitionUseCases
{
    public static IServiceCollection AddDefinitionUseCases(this IServiceCollection services) => services
        .AddScoped<SaveDefinition>()
        .AddScoped<GetDefinition>()
        .AddScoped<ListDefinitions>() // issue 10: the service-item editor's flow picker
        .AddScoped<ListDefinitionVersions>() // issue 11: the designer (Elsa Studio)
        .AddScoped<FindDefinitionVersion>()
        .AddScoped<IsDefinitionNameUnique>()
        .AddScoped<GetDesignerCatalogue>()
        .AddScoped<SaveStudioDefinition>() // issue 11: the Studio's writes
        .AddScoped<PublishDefinition>()
        .AddScoped<RetractDefinition>()
        .AddScoped<DeleteDefinition>()
        .AddScoped<RefuseStudioAction>()
        .AddScoped<ListDefinitionAudit>()
        .AddSingleton<OneStop.Workflows.Engine.Hosting.IPublishCheck, DesignerPublishCheck>(); // issue 11 §4: the designer checks at publish
}
