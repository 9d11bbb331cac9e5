using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.IntegrationTests.Api;

namespace OneStop.Workflows.IntegrationTests.SimulatedTime;

/// <summary>
/// The real server in memory on a SQLite file, with the clock of <c>Clock:Mode</c> as configured (the real registration: IClock is not replaced)
/// the demo centre seeded, and supervision off (<c>Supervision:Enabled=false</c>: no Hangfire, and no sweep after a clock change, so that only the listeners a test adds run).
/// <paramref name="configure"/> adds services (e.g. a test <c>IClockChangeListener</c>).
/// </summary>
public sealed class SimulatedClockFactory(
    string connectionString, string mode = "Simulated", string environment = "Testing", string? start = null, Action<IServiceCollection>? configure = null,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:OneStop", connectionString);
        builder.UseSetting("Workflows:Directory", RepositoryFolders.Workflows);
        builder.UseSetting("Clock:Mode", mode);
        builder.UseSetting("Supervision:Enabled", "false");
        if (environment != "Production")
        {
            builder.UseSetting("Seed:DemoCentre", "true"); // outside Development the demo users are seeded only when asked for; Production refuses
        }
        if (start is not null)
        {
            builder.UseSetting("Clock:Start", start);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configure is not null)
        {
            builder.ConfigureServices(configure);
        }
    }
}
