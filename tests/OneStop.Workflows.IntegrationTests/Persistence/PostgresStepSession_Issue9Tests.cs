using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9 (one unit of work) on PostgreSQL: a resume attempt's reads and its commit are one transaction, and the contexts'
/// pooled connections are not reset with <c>DISCARD ALL</c> (a transaction of its own) each time a context opens one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStepSession_Issue9Tests(PostgresServerFixture postgres)
{
    private static readonly string ForkJoinJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Persistence", "fork-join-3.json"));

    [Fact]
    public async Task StepSession_ReadsAndCommit_AreOneTransaction()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var services = await StartAsync(connectionString);
        var host = services.GetRequiredService<WorkflowHost>();
        var store = services.GetRequiredService<IWorkflowInstanceStore>();
        (await services.GetRequiredService<DefinitionService>().SaveAsync(ForkJoinJson, publish: true, CancellationToken.None)).Errors.Should().BeEmpty();
        var started = await host.StartAsync("fork-join-3", null, CancellationToken.None);
        Engine.Runtime.WorkflowInstanceId.TryParse(started.Summary!.InstanceId, out var id).Should().BeTrue();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;

        await using (var session = await store.OpenStepAsync(id, "key", CancellationToken.None))
        {
            (await OpenTransactionsAsync(database)).Should().Be(1, "the session's reads began the transaction its commit will end");
            var instance = session.Snapshot!.Instance;
            await session.CommitAsync(new StepCommit(instance with { Version = instance.Version + 1 }, instance.Version, [], [], [], null), CancellationToken.None);
            (await OpenTransactionsAsync(database)).Should().Be(0, "the commit ended it");
        }

        (await store.LoadAsync(id, CancellationToken.None))!.Instance.Version.Should().Be(2);
    }

    [Fact]
    public void ContextConnections_AreNotResetOnClose_UnlessTheConnectionStringSaysSo()
    {
        new NpgsqlConnectionStringBuilder(OneStopDbContextOptions.WithoutResetOnClose("Host=db;Database=onestop")).NoResetOnClose.Should().BeTrue();
        new NpgsqlConnectionStringBuilder(OneStopDbContextOptions.WithoutResetOnClose("Host=db;Database=onestop;No Reset On Close=false")).NoResetOnClose.Should().BeFalse();
        new NpgsqlConnectionStringBuilder(OneStopDbContextOptions.WithoutResetOnClose("Host=db;Database=onestop;NoResetOnClose=false")).NoResetOnClose.Should().BeFalse();
    }

    private async Task<long> OpenTransactionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND state LIKE 'idle in transaction%'", connection);
        command.Parameters.AddWithValue("db", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<ServiceProvider> StartAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:OneStop"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddOneStopPersistence(configuration);
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 30)));
        services.AddSingleton(ActivityCatalogue.CreateDefault());
        services.AddSingleton<CompiledWorkflowCache>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<WorkflowHost>();
        var provider = services.BuildServiceProvider();
        await provider.MigrateOneStopDatabaseAsync(CancellationToken.None);
        return provider;
    }
}
