using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// The real persistence and use-case registrations (as the server makes them) on one PostgreSQL database, with the
/// system clock: what the UI benchmark seeds through and measures.
/// </summary>
internal static class UiServices
{
    public static ServiceProvider Build(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OneStopDatabaseOptions.ProviderKey] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:" + OneStopDatabaseOptions.ConnectionStringName] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical));
        services.AddOneStopPersistence(configuration, b => b.AddInterceptors(ExplainInterceptor.Instance));
        services.AddOneStopApplication();
        services.AddSingleton<IClock>(SystemClock.Instance);
        return services.BuildServiceProvider();
    }
}
