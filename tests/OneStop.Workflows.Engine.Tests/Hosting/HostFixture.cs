using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.InMemory;

namespace OneStop.Workflows.Engine.Tests.Hosting;

/// <summary>A host over an in-memory store and a fake clock, with helpers to save definitions and resume by activity.</summary>
internal sealed class HostFixture
{
    public HostFixture(ActivityCatalogue? catalogue = null)
    {
        catalogue ??= ActivityCatalogue.CreateDefault();
        Clock = TestClock.At("2026-01-05T09:00:00Z");
        Store = new InMemoryWorkflowStore();
        Definitions = new DefinitionService(Store, catalogue, Clock);
        Host = new WorkflowHost(Store, Store, new CompiledWorkflowCache(catalogue), Clock);
    }

    public FakeClock Clock { get; }

    public InMemoryWorkflowStore Store { get; }

    public DefinitionService Definitions { get; }

    public WorkflowHost Host { get; }

    public static CancellationToken Ct => CancellationToken.None;

    public async Task<StoredDefinition> SaveAsync(string json, bool publish)
    {
        Clock.Advance(Duration.FromMinutes(1));
        var outcome = await Definitions.SaveAsync(json, publish, Ct);
        outcome.Errors.Should().BeEmpty();
        return outcome.Saved!;
    }

    public async Task<StepSummary> StartAsync(string definitionId, int? version = null)
    {
        var outcome = await Host.StartAsync(definitionId, version, Ct);
        outcome.Error.Should().BeNull();
        return outcome.Summary!;
    }

    public Task<HostOutcome> ResumeAsync(StepSummary instance, string activityId, string key)
    {
        Clock.Advance(Duration.FromMinutes(1));
        var bookmark = instance.Bookmarks.Single(b => b.ActivityId == activityId);
        return Host.ResumeAsync(InstanceId(instance), ParseBookmarkId(bookmark.Id), null, key, Ct);
    }

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(StepSummary instance) =>
        Store.ReadJournalAsync(InstanceId(instance), 0, int.MaxValue, Ct);

    public static WorkflowInstanceId InstanceId(StepSummary summary)
    {
        WorkflowInstanceId.TryParse(summary.InstanceId, out var id).Should().BeTrue();
        return id;
    }

    public static BookmarkId ParseBookmarkId(string id)
    {
        BookmarkId.TryParse(id, out var bookmarkId).Should().BeTrue();
        return bookmarkId;
    }
}
