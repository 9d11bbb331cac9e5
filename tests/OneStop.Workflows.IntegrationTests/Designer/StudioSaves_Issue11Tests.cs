using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>The Studio's saves, publishes and menus on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStudioSaves_Issue11Tests(PostgresServerFixture postgres) : StudioSavesScenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>The Studio's saves, publishes and menus on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteStudioSaves_Issue11Tests : StudioSavesScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-saves-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
