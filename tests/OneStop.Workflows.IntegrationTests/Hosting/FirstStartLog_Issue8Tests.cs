using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>Issue 8 finding 18(e): a normal first start on a fresh database logs nothing alarming (no error, no <c>fail:</c> line).</summary>
[Collection(PostgresCollection.Name)]
public sealed class FirstStartLog_Issue8Tests(PostgresServerFixture postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-first-start-").FullName;

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task FirstStart_OnAFreshDatabase_LogsNoError(string provider)
    {
        var connectionString = provider == "PostgreSql" ? await postgres.Server.CreateDatabaseAsync() : $"Data Source={Path.Combine(_folder, "fresh.db")}";
        var log = new CapturingLoggerProvider();
        await using var factory = new OneStopApiFactory(provider, connectionString);
        await using var server = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));

        using var client = server.CreateClient(); // starts the server: migrations, seeding, workflow import

        log.Entries.Should().Contain(e => e.Category.StartsWith("OneStop.", StringComparison.Ordinal), "the capture sees the server's own log");
        log.Entries.Where(e => e.Level >= LogLevel.Error).Should().BeEmpty();
        log.Entries.Should().NotContain(e => e.Message.Contains("__EFMigrationsHistory", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    /// <summary>Keeps every log entry of the server (all levels) for the test to read.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => _entries.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
