using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>The Studio's API contract on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStudioApiContract_Issue11Tests(PostgresServerFixture postgres) : StudioApiContractScenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>The Studio's API contract on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteStudioApiContract_Issue11Tests : StudioApiContractScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-studio-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
