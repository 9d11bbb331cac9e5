using OneStop.Workflows.IntegrationTests.Api;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>The sign-in scenarios on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteAuthScenarios : AuthScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-auth-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
