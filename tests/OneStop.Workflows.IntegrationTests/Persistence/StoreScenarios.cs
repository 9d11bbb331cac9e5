using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// The store contract: the same facts run against every database (SQLite and PostgreSQL), each test on a fresh,
/// migrated database behind the real registration (<see cref="PersistenceServiceCollectionExtensions.AddOneStopPersistence"/>).
/// </summary>
public abstract partial class StoreScenarios : IAsyncLifetime
{
    protected const string DefinitionId = "fork-join-3";

    private ServiceProvider? _services;

    protected static CancellationToken Ct => CancellationToken.None;

    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 2, 1, 30));

    protected CommitFailureInjector Failures { get; } = new();

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    protected WorkflowHost Host => Services.GetRequiredService<WorkflowHost>();

    protected DefinitionService Definitions => Services.GetRequiredService<DefinitionService>();

    protected IWorkflowDefinitionStore DefinitionStore => Services.GetRequiredService<IWorkflowDefinitionStore>();

    protected IWorkflowInstanceStore Instances => Services.GetRequiredService<IWorkflowInstanceStore>();

    protected IDbContextFactory<OneStopDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();

    protected static string ForkJoinJson { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Persistence", "fork-join-3.json"));

    /// <summary>Creates an empty database and returns the configuration that points at it.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made, after the service provider is gone.</summary>
    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await CreateDatabaseAsync()).Build();
        var services = new ServiceCollection();
        services.AddOneStopPersistence(configuration, options => options.AddInterceptors(Failures));
        services.AddSingleton<IClock>(Clock);
        services.AddSingleton(ActivityCatalogue.CreateDefault());
        services.AddSingleton<CompiledWorkflowCache>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<WorkflowHost>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await _services.MigrateOneStopDatabaseAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    /// <summary>The fork/join fixture with a marker in the root, so the root differs from the fixture's.</summary>
    protected static string ForkJoinVariant(string tag)
    {
        var model = JsonNode.Parse(ForkJoinJson)!;
        model["root"]!["customProperties"] = new JsonObject { ["tag"] = tag };
        return model.ToJsonString();
    }

    protected async Task<StoredDefinition> PublishForkJoinAsync()
    {
        var saved = await Definitions.SaveAsync(ForkJoinJson, publish: true, Ct);
        saved.Errors.Should().BeEmpty();
        return saved.Saved!;
    }

    protected async Task<StartedInstance> StartForkJoinAsync()
    {
        var started = await Host.StartAsync(DefinitionId, null, Ct);
        started.Error.Should().BeNull();
        started.Summary!.Status.Should().Be(WorkflowStatus.Waiting);
        WorkflowInstanceId.TryParse(started.Summary.InstanceId, out var id).Should().BeTrue();
        var bookmarks = started.Summary.Bookmarks.ToDictionary(b => b.ActivityId, b => BookmarkId.TryParse(b.Id, out var bid) ? bid : throw new FormatException(b.Id));
        bookmarks.Keys.Should().BeEquivalentTo(["a", "b", "c"]);
        return new(id, bookmarks);
    }

    protected Task<IReadOnlyList<JournalEntry>> JournalAsync(WorkflowInstanceId id) => Instances.ReadJournalAsync(id, 0, 100_000, Ct);

    /// <summary>A finished fork/join journal: the join completed exactly once, sequences 1..N without gaps or repeats.</summary>
    protected static void ShouldBeOneFinishedRun(IReadOnlyList<JournalEntry> journal)
    {
        journal.Count(e => e.ActivityId == "join" && e.Event == JournalEvents.Completed).Should().Be(1);
        journal.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        journal.Should().ContainSingle(e => e.Event == JournalEvents.WorkflowFinished);
    }

    /// <summary>Every stored row that belongs to the instance, as text, to compare before and after.</summary>
    protected async Task<string> DumpAsync(WorkflowInstanceId id)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var text = new StringBuilder();
        foreach (var r in await db.Instances.AsNoTracking().Where(r => r.Id == id).ToListAsync(Ct))
        {
            text.AppendLine($"instance {r.Id} {r.DefinitionVersionId} {r.Status} v{r.Version} {r.UpdatedAt} {r.State}");
        }

        foreach (var r in (await db.Bookmarks.AsNoTracking().Where(r => r.InstanceId == id).ToListAsync(Ct)).OrderBy(r => r.Id.Value))
        {
            text.AppendLine($"bookmark {r.Id} {r.ActivityId} {r.Name} {r.CreatedAt} {r.Payload}");
        }

        foreach (var r in await db.Journal.AsNoTracking().Where(r => r.InstanceId == id).OrderBy(r => r.Sequence).ToListAsync(Ct))
        {
            text.AppendLine($"journal {r.Sequence} {r.At} {r.Event} {r.ActivityId} {r.Outcomes} {r.Message}");
        }

        foreach (var r in (await db.Idempotency.AsNoTracking().Where(r => r.InstanceId == id).ToListAsync(Ct)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"idempotency {r.Key} {r.BookmarkId} {r.ResultJson}");
        }

        return text.ToString();
    }

    protected sealed record StartedInstance(WorkflowInstanceId Id, IReadOnlyDictionary<string, BookmarkId> Bookmarks);
}
