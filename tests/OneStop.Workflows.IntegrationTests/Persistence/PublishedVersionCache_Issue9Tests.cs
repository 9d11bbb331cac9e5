using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9 (one unit of work): a node remembers a definition's published version, yet a publish on another node takes
/// effect at once — the start's commit checks the remembered version and a stale one is looked up again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PublishedVersionCache_Issue9Tests(PostgresServerFixture postgres)
{
    private static readonly string ForkJoinJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Persistence", "fork-join-3.json"));

    [Fact]
    public async Task Start_AfterAPublishOnAnotherNode_RunsTheNewVersion()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var nodeA = await StartAsync(connectionString, migrate: true);
        await using var nodeB = await StartAsync(connectionString, migrate: false);
        (await nodeA.GetRequiredService<DefinitionService>().SaveAsync(ForkJoinJson, publish: true, CancellationToken.None)).Errors.Should().BeEmpty();
        var first = await StartedVersionAsync(nodeA);
        (await StartedVersionAsync(nodeA)).Should().Be(first, "nothing was published meanwhile");

        var changed = System.Text.Json.Nodes.JsonNode.Parse(ForkJoinJson)!.AsObject();
        changed["root"]!["name"] = "Fork and join, changed"; // a different root: a new version
        var republished = await nodeB.GetRequiredService<DefinitionService>().SaveAsync(changed.ToJsonString(), publish: true, CancellationToken.None);
        republished.Errors.Should().BeEmpty();
        republished.Saved!.Version.Should().NotBe(first);

        (await StartedVersionAsync(nodeA)).Should().Be(republished.Saved.Version, "node A's remembered version is stale and must not be started");
    }

    private static async Task<int> StartedVersionAsync(ServiceProvider node)
    {
        var started = await node.GetRequiredService<WorkflowHost>().StartAsync("fork-join-3", null, CancellationToken.None);
        started.Error.Should().BeNull();
        Engine.Runtime.WorkflowInstanceId.TryParse(started.Summary!.InstanceId, out var id).Should().BeTrue();
        return (await node.GetRequiredService<IWorkflowInstanceStore>().LoadAsync(id, CancellationToken.None))!.Instance.DefinitionVersion;
    }

    private static async Task<ServiceProvider> StartAsync(string connectionString, bool migrate)
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
        if (migrate)
        {
            await provider.MigrateOneStopDatabaseAsync(CancellationToken.None);
        }

        return provider;
    }
}
