namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Authentication (bearer tokens for the API, a cookie for the web UI) and authorization policies.</summary>
public static class AuthSetup
{
    // Placeholder wired by ServerSetup; the auth work fills it in.
    public static WebApplicationBuilder AddOneStopAuth(this WebApplicationBuilder builder) => builder;

    public static WebApplication UseOneStopAuth(this WebApplication app) => app;

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api) => api;

    public static Task SeedDemoUsersAsync(this IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}
