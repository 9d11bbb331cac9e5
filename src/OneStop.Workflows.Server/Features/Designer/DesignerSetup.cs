using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The designer (issue 11, docs/adr/0013-elsa-studio-hosting.md): the real Elsa Studio under <c>/designer</c> (its static files
/// before authorization, generated host pages behind sign-in) and the Elsa-compatible API it calls under <c>/elsa/api</c>
/// (same origin, the sign-in cookie; 401/403 as ProblemDetails, never a redirect).
/// </summary>
public static class DesignerSetup
{
    /// <summary>Designers, supervisors (to view) and administrators: the host pages and the Studio's API (the use cases decide the rest).</summary>
    public const string Policy = "Designer";

    /// <summary>The Studio's API, relative to the site.</summary>
    public const string ApiBase = "/elsa/api";

    public static IServiceCollection AddDesigner(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DesignerOptions>(configuration.GetSection(DesignerOptions.Section));
        services.AddSingleton<StudioPackage>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser()
            .RequireRole(Role.Designer.ToString(), Role.Supervisor.ToString(), Role.Administrator.ToString()));
        return services;
    }

    /// <summary>The Studio package's files under <c>/designer</c>; before authorization (they carry no data).</summary>
    public static WebApplication UseDesignerFiles(this WebApplication app) => app.UseStudioFiles();

    /// <summary>The host pages and the <c>/elsa/api</c> group.</summary>
    public static WebApplication MapDesigner(this WebApplication app)
    {
        app.MapStudioHostPages();
        var elsa = app.MapGroup(ApiBase).RequireAuthorization(Policy).WithTags("Designer (Elsa Studio)");
        elsa.MapStudioDescriptors();
        elsa.MapStudioDefinitions();
        elsa.MapStudioDefinitionWrites(); // issue 11: save, publish, retract, delete
        elsa.MapStudioInstances();
        return app;
    }
}
