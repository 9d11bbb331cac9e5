using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>
/// The real server in memory, on the given database, with the repo's workflows/ and <see cref="Settings"/>: the
/// <see cref="DefaultSettings"/> with <paramref name="settings"/> (configuration keys, e.g. <c>Supervision:Enabled</c>)
/// applied over them. Unless the settings choose a <c>Clock:Mode</c>, the server reads the shared fake clock <see cref="Clock"/>.
/// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> is anonymous; <see cref="DemoSignIn.CreateClientAsAsync"/> signs in.
/// </summary>
public sealed class OneStopApiFactory(string provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// What every test server gets unless its settings say otherwise: no Hangfire and no recurring sweep
    /// (<c>Supervision:Enabled=false</c>), because tests call the sweeper directly and never wait for a job; the demo
    /// centre and its users (<c>Seed:DemoCentre=true</c>: the environment is Testing, where it defaults off); account
    /// standings read on every request (<c>Auth:AccountCheckSeconds=0</c>), so a change made in the database shows at once;
    /// and rate limits far above what any test sends (every test client is the same address), except where a test sets its own.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } =
        new Dictionary<string, string?>(TestServerSettings.Common) { ["Supervision:Enabled"] = "false" };

    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 9, 26, 1, 0));

    /// <summary>The database's connection string (a second server on the same database is a second node).</summary>
    public string ConnectionString => connectionString;

    /// <summary>The settings the server starts with, besides the database and the workflows folder.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = Merge(DefaultSettings, settings);

    /// <summary>Whether the server reads <see cref="Clock"/>: true unless the settings choose a <c>Clock:Mode</c> (then the server registers its own).</summary>
    public bool UsesFakeClock => !Settings.ContainsKey("Clock:Mode");

    /// <summary>The shared fake clock the server reads; throws when the settings choose a <c>Clock:Mode</c>, since the server does not read it then.</summary>
    public FakeClock Clock => UsesFakeClock
        ? _clock
        : throw new InvalidOperationException($"This server reads the clock of Clock:Mode={Settings["Clock:Mode"]}, not the fake clock.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:OneStop", connectionString);
        builder.UseSetting("Workflows:Directory", RepositoryFolders.Workflows);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (UsesFakeClock)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(_clock)));
        }
    }

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> defaults, IReadOnlyDictionary<string, string?>? overrides)
    {
        var merged = new Dictionary<string, string?>(defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return merged;
    }
}
