using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>The store contract on SQLite (the embedded default): a fresh database file per test.</summary>
public sealed partial class SqliteStoreScenarios : StoreScenarios
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "onestop-sqlite-tests");
    private readonly string _file = Path.Combine(Folder, Guid.NewGuid().ToString("N"), "onestop.db");

    private string ConnectionString => $"Data Source={_file}";

    protected override Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:OneStop"] = ConnectionString,
        });

    protected override Task DeleteDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_file)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void Registration_CreatesDatabaseFolder_WhenMissing() => File.Exists(_file).Should().BeTrue();

    [Fact]
    public async Task SqliteConnection_UsesWalAndBusyTimeout_WhenOpenedByEf()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync(Ct)).Should().Be("wal");
        command.CommandText = "PRAGMA busy_timeout;";
        (await command.ExecuteScalarAsync(Ct)).Should().Be(30000L);
    }

    [Fact]
    public async Task SqliteTransaction_TakesWriteLock_WhenBegun()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await using var other = new SqliteConnection(ConnectionString);
        await other.OpenAsync(Ct);
        await using var command = other.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE;";
        command.CommandTimeout = 1;

        // No statement ran in the EF transaction yet: only BEGIN IMMEDIATE can be holding the write lock.
        var act = () => command.ExecuteNonQueryAsync(Ct);

        (await act.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY");
    }
}
