using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>A fresh PostgreSQL database and server per test, seeded with the demo centre, and a driver for its API.</summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresCaseTestBase(PostgresServerFixture postgres) : IAsyncLifetime
{
    protected OneStopApiFactory Factory { get; private set; } = null!;

    protected CaseDriver Driver { get; private set; } = null!;

    /// <summary>Settings of the test server, applied over <see cref="OneStopApiFactory.DefaultSettings"/>; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>The shared PostgreSQL server (for tests that need another database).</summary>
    protected PostgresServerFixture Postgres => postgres;

    public async Task InitializeAsync()
    {
        Factory = new OneStopApiFactory("PostgreSql", await postgres.Server.CreateDatabaseAsync(), Settings);
        Driver = new CaseDriver(Factory);
    }

    /// <summary>Replaces the server with one on a fresh database that also has <paramref name="settings"/>.</summary>
    protected async Task RestartWithAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await DisposeAsync();
        Factory = new OneStopApiFactory("PostgreSql", await postgres.Server.CreateDatabaseAsync(), settings);
        Driver = new CaseDriver(Factory);
    }

    public async Task DisposeAsync()
    {
        await Driver.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
