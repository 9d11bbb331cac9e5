using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9 (one unit of work): a resume attempt reads and commits through one step session (one context and connection;
/// on PostgreSQL one transaction, which holds the instance row). The version check still decides (SQLite:
/// <see cref="SqliteStoreScenarios"/>; PostgreSQL's lock: <see cref="PostgresStoreScenarios"/>).
/// </summary>
public abstract partial class StoreScenarios
{
    [Fact]
    public async Task StepSession_ReadsTheFirstAnswer_OrElseTheInstance()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        (await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct)).Error.Should().BeNull();

        await using (var repeat = await Instances.OpenStepAsync(instance.Id, "key-a", Ct))
        {
            repeat.Idempotency!.BookmarkId.Should().Be(instance.Bookmarks["a"]);
            repeat.Snapshot.Should().BeNull("a repeated key is answered from its first answer");
        }

        await using var fresh = await Instances.OpenStepAsync(instance.Id, "key-b", Ct);
        var loaded = await Instances.LoadAsync(instance.Id, Ct);
        fresh.Idempotency.Should().BeNull();
        fresh.Snapshot!.Instance.Should().BeEquivalentTo(loaded!.Instance);
        fresh.Snapshot.OpenBookmarks.Select(b => b.Id).Should().BeEquivalentTo([instance.Bookmarks["b"], instance.Bookmarks["c"]]);
        await using var missing = await Instances.OpenStepAsync(Engine.Runtime.WorkflowInstanceId.New(), "key", Ct);
        missing.Snapshot.Should().BeNull("no such instance");
    }

    [Fact]
    public async Task StepSession_DisposedWithoutCommit_ChangesNothing_AndTheResumeStillWorks()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        var before = await DumpAsync(instance.Id);
        await using (var abandoned = await Instances.OpenStepAsync(instance.Id, "key-a", Ct))
        {
            abandoned.Snapshot.Should().NotBeNull();
        }

        (await DumpAsync(instance.Id)).Should().Be(before);
        foreach (var activity in new[] { "a", "b", "c" })
        {
            (await Host.ResumeAsync(instance.Id, instance.Bookmarks[activity], null, "key-" + activity, Ct)).Error.Should().BeNull();
        }

        ShouldBeOneFinishedRun(await JournalAsync(instance.Id));
    }
}
