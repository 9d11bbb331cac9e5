namespace OneStop.Workflows.IntegrationTests.Definitions;

/// <summary>The definition-save scenarios of issue 8 on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteDefinitionSaves_Issue8Tests : DefinitionSaves_Issue8Scenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-defs-").FullName;

    protected override Task<Api.OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new Api.OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
