using OneStop.Workflows.IntegrationTests.Infrastructure;
using Npgsql;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>The store contract on PostgreSQL (production): a fresh database per test on the collection's server.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresStoreScenarios(PostgresServerFixture postgres) : StoreScenarios
{
    private const int Instances200 = 200;

    protected override async Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync()
    {
        // 600 resumes start at once below: cap the pool well under the server's max_connections and let callers queue.
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.Server.CreateDatabaseAsync())
        {
            MaxPoolSize = 40,
            Timeout = 120,
            ConnectionIdleLifetime = 15,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:OneStop"] = connectionString,
        };
    }

    [Fact]
    public async Task ConcurrentResume_200Instances_JoinFiresExactlyOnce()
    {
        await PublishForkJoinAsync();
        var instances = new List<StartedInstance>();
        for (var i = 0; i < Instances200; i++)
        {
            instances.Add(await StartForkJoinAsync());
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = instances
            .SelectMany(instance => instance.Bookmarks.Select(pair => Task.Run(async () =>
            {
                await gate.Task;
                return (instance.Id, Outcome: await Host.ResumeAsync(instance.Id, pair.Value, null, "key-" + pair.Key, Ct));
            })))
            .ToList();

        gate.SetResult();
        var results = await Task.WhenAll(workers);

        results.Should().HaveCount(3 * Instances200);
        results.Should().OnlyContain(r => r.Outcome.Error == null && r.Outcome.Summary != null && !r.Outcome.Replayed);
        results.GroupBy(r => r.Id).Should().OnlyContain(g => g.Count(r => r.Outcome.Summary!.Status == WorkflowStatus.Finished) == 1);
        foreach (var instance in instances)
        {
            var snapshot = await Instances.LoadAsync(instance.Id, Ct);
            snapshot!.Instance.State.Status.Should().Be(WorkflowStatus.Finished);
            snapshot.Instance.Version.Should().Be(4);
            snapshot.OpenBookmarks.Should().BeEmpty();
            ShouldBeOneFinishedRun(await JournalAsync(instance.Id));
        }
    }
}
