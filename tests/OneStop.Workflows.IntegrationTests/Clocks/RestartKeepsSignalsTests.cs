using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Clocks;

/// <summary>The embedded default keeps its schedule in its own tables: a restart loses no pending signal.</summary>
public sealed class RestartKeepsSignalsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-restart-").FullName;

    [Fact]
    public async Task PendingSignals_FireAfterARestart_OfTheEmbeddedDefault()
    {
        var connection = $"Data Source={Path.Combine(_folder, "onestop.db")}";
        string caseId;
        int pending;
        await using (var first = new OneStopApiFactory("Sqlite", connection))
        {
            first.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0));
            await using var driver = new CaseDriver(first);
            caseId = await driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
            pending = await CountAsync(first, caseId, fired: false);
            pending.Should().BeGreaterThan(0);
        }

        await using var second = new OneStopApiFactory("Sqlite", connection);
        second.Clock.Reset(Instant.FromUtc(2025, 12, 31, 0, 0)); // long after every due instant
        _ = second.CreateClient(); // starts the server on the same file
        await second.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

        (await CountAsync(second, caseId, fired: true)).Should().Be(pending, "every signal planned before the restart fires after it");
        (await CountAsync(second, caseId, fired: false)).Should().Be(0);
    }

    private static async Task<int> CountAsync(OneStopApiFactory factory, string caseId, bool fired)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var id = Guid.Parse(caseId);
        return await db.Signals.CountAsync(s => s.CaseId == id && (s.FiredAt != null) == fired);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
