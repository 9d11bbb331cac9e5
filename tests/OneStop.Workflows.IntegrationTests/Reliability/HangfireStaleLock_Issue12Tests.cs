using System.Net;
using Npgsql;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.IntegrationTests.Supervision;

namespace OneStop.Workflows.IntegrationTests.Reliability;

/// <summary>
/// Issue 12, found by the chaos suite's process crash (round 20 of the long run): a server killed while Hangfire held the
/// recurring sweep's lock left the lock row behind, and the restarted server failed to start ("Timeout expired … distributed
/// lock on the 'hangfire:lock:recurring-job:deadline-sweep' resource") for as long as the lock lived (ten minutes by default).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HangfireStaleLock_Issue12Tests(PostgresServerFixture postgres)
{
    private const string SweepLock = "hangfire:lock:recurring-job:deadline-sweep";

    [Fact]
    public async Task ALockLeftByAKilledNode_CountsAsAbandonedAfterAMinute_SoTheNextStartRegistersTheSweep()
    {
        var connectionString = await StartedOnceAsync();
        await LeaveLockAsync(connectionString, "2 minutes"); // older than a minute, younger than Hangfire's default ten

        await using var restarted = new OneStopApiFactory("PostgreSql", connectionString, EveryMinute);
        (await restarted.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await CronAsync(connectionString)).Should().Be("* * * * *", "the restart registered the sweep with its new interval at once");
    }

    [Fact]
    public async Task AFreshLockLeftByAKilledNode_DoesNotStopTheServerFromStarting()
    {
        var connectionString = await StartedOnceAsync();
        await LeaveLockAsync(connectionString, "0 seconds");

        await using var restarted = new OneStopApiFactory("PostgreSql", connectionString, EveryMinute);
        var admin = await restarted.CreateClientAsAsync("admin"); // threw before the fix: the host did not start

        (await admin.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/api/supervision/signals")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CronAsync(connectionString)).Should().Be("*/30 * * * * *", "the earlier registration keeps the sweep scheduled until the retry succeeds");
    }

    private static readonly IReadOnlyDictionary<string, string?> EveryMinute = new Dictionary<string, string?>(HangfireHostingTests.SupervisionOn)
    {
        ["Supervision:SweepIntervalSeconds"] = "60",
    };

    /// <summary>A database on which a server with the sweep every 30 s has run once (schema hangfire, the recurring job).</summary>
    private async Task<string> StartedOnceAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using (var first = new OneStopApiFactory("PostgreSql", connectionString, HangfireHostingTests.SupervisionOn))
        {
            (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await CronAsync(connectionString)).Should().Be("*/30 * * * * *");
        return connectionString;
    }

    /// <summary>What kill -9 leaves while the recurring scheduler holds the sweep's lock: its row, acquired <paramref name="ago"/>.</summary>
    private static async Task LeaveLockAsync(string connectionString, string ago)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES (@resource, 0, (now() AT TIME ZONE 'UTC') - interval '{ago}')", connection);
        command.Parameters.AddWithValue("resource", SweepLock);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private static async Task<object?> CronAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM hangfire.hash WHERE key = 'recurring-job:deadline-sweep' AND field = 'Cron'", connection);
        return await command.ExecuteScalarAsync();
    }
}
