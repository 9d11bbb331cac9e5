using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Shared;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9: <see cref="BatchedReads"/> sends a step's working-set reads in one round trip on PostgreSQL and EF materializes
/// and tracks the rows as it would have read them one by one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchedReads_Issue9Tests(PostgresServerFixture postgres)
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 1, 30);

    [Fact]
    public async Task TheSecondRun_IsAnsweredFromOneRoundTrip_WithTheSameTrackedRows()
    {
        await using var services = await StartAsync();
        var id = await SeedAsync(services, journalRows: 3);
        var name = "test.reads." + Guid.NewGuid().ToString("N");

        var first = await ReadAsync(services, name, id, [id.Value]);
        var second = await ReadAsync(services, name, id, [id.Value]);

        first.Answered.Should().Be(0, "the first run learns the set's SQL");
        second.Answered.Should().Be(3, "all three commands came from the one batch");
        second.Instance.Should().BeEquivalentTo(first.Instance);
        second.Journal.Should().BeEquivalentTo(first.Journal, o => o.WithStrictOrdering());
        second.Journal.Should().HaveCount(3);
        second.Bookmarks.Should().BeEmpty();
        second.Tracked.Should().Be(4, "the instance and the journal rows are tracked, as if read one by one");
    }

    [Fact]
    public async Task ASetWhoseParametersAreNotAmongTheNamedValues_IsNeverBatched()
    {
        await using var services = await StartAsync();
        var id = await SeedAsync(services, journalRows: 1);
        var name = "test.reads." + Guid.NewGuid().ToString("N");

        (await ReadAsync(services, name, id, [Guid.NewGuid()])).Answered.Should().Be(0);
        var again = await ReadAsync(services, name, id, [Guid.NewGuid()]);

        again.Answered.Should().Be(0);
        again.Journal.Should().HaveCount(1);
    }

    [Fact]
    public async Task OutsideATransaction_TheReadsJustRun()
    {
        await using var services = await StartAsync();
        var id = await SeedAsync(services, journalRows: 1);
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var rows = new List<WorkflowJournalRow>();

        var answered = await BatchedReads.RunAsync(db, "test.no-transaction", [id.Value], async () =>
            rows = await db.Journal.Where(j => j.InstanceId == id).ToListAsync(), CancellationToken.None);

        answered.Should().Be(0);
        rows.Should().HaveCount(1);
    }

    private sealed record Read(int Answered, WorkflowInstanceRow? Instance, List<WorkflowJournalRow> Journal, List<WorkflowBookmarkRow> Bookmarks, int Tracked);

    private static async Task<Read> ReadAsync(IServiceProvider services, string name, WorkflowInstanceId id, object[] values)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        WorkflowInstanceRow? instance = null;
        List<WorkflowJournalRow> journal = [];
        List<WorkflowBookmarkRow> bookmarks = [];
        var answered = await BatchedReads.RunAsync(db, name, values, async () =>
        {
            instance = await db.Instances.FirstOrDefaultAsync(r => r.Id == id);
            journal = await db.Journal.Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync();
            bookmarks = await db.Bookmarks.Where(b => b.InstanceId == id).ToListAsync();
        }, CancellationToken.None);
        return new Read(answered, instance, journal, bookmarks, db.ChangeTracker.Entries().Count());
    }

    private static async Task<WorkflowInstanceId> SeedAsync(IServiceProvider services, int journalRows)
    {
        var id = WorkflowInstanceId.New();
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        db.Instances.Add(new WorkflowInstanceRow
        {
            Id = id, DefinitionId = "fork-join-3", DefinitionVersionId = "fork-join-3:v1", DefinitionVersion = 1, Status = WorkflowStatus.Running,
            State = "{\"input\": {\"名称\": \"测试\"}}", Version = 3, CreatedAt = At, UpdatedAt = At.Plus(Duration.FromMinutes(5)),
        });
        for (var i = 1; i <= journalRows; i++)
        {
            db.Journal.Add(new WorkflowJournalRow
            {
                InstanceId = id, Sequence = i, ActivityId = "a" + i, ActivityType = "Task", At = At.Plus(Duration.FromSeconds(i)), Event = "Completed",
                Outcomes = i % 2 == 0 ? null : "[\"Done\"]", Message = "第" + i + "步",
            });
        }

        await db.SaveChangesAsync();
        return id;
    }

    private async Task<ServiceProvider> StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:OneStop"] = await postgres.Server.CreateDatabaseAsync(),
        }).Build();
        var services = new ServiceCollection();
        services.AddOneStopPersistence(configuration);
        services.AddSingleton<IClock>(new FakeClock(At));
        var provider = services.BuildServiceProvider();
        await provider.MigrateOneStopDatabaseAsync(CancellationToken.None);
        return provider;
    }
}
