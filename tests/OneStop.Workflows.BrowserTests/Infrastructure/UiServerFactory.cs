using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>
/// The real server (<c>Program</c>) on Kestrel on a free loopback port, on a PostgreSQL database, as a centre runs it for
/// a demo: the demo centre and users, the simulated clock, supervision on (Hangfire, the sweep after each clock change).
/// </summary>
public sealed class UiServerFactory(string connectionString) : WebApplicationFactory<Program>
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(TestServerSettings.Common)
    {
        ["Database:Provider"] = "PostgreSql",
        ["Clock:Mode"] = "Simulated",

        // A fixed start, so every run walks the same calendar whatever the day (the shipped 2026 year: the Mid-Autumn and
        // National Day holidays and their make-up working days lie ahead; the tests' clock moves stay inside the year).
        ["Clock:Start"] = "2026-09-21T09:00:00+08:00",
        ["Supervision:Enabled"] = "true",
        ["Supervision:Workers"] = "1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:OneStop", connectionString);
        builder.UseSetting("Workflows:Directory", RepositoryFolders.Workflows);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
