namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>The API scenarios on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteApiScenarios : ApiScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-api-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
