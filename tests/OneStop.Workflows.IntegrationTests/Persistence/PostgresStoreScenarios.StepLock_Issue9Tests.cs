using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9 on PostgreSQL: a step session locks its instance row from its first read to its end, so a concurrent step of the
/// same instance (the parallel reviews of a case) waits for it instead of computing a step the version check would refuse,
/// and then works on the version the session committed.
/// </summary>
public sealed partial class PostgresStoreScenarios
{
    [Fact]
    public async Task StepSession_HoldsItsInstance_AConcurrentStepWaits_ThenSeesTheNewVersion()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        var session = await Instances.OpenStepAsync(instance.Id, "key-a", Ct);
        var snapshot = session.Snapshot!;

        var other = Task.Run(() => Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-b", Ct));
        var finishedFirst = await Task.WhenAny(other, Task.Delay(TimeSpan.FromMilliseconds(500)));
        finishedFirst.Should().NotBeSameAs(other, "the row is locked until the session ends");

        var commit = new StepCommit(snapshot.Instance with { Version = snapshot.Instance.Version + 1, UpdatedAt = Clock.GetCurrentInstant() },
            snapshot.Instance.Version, [], [instance.Bookmarks["a"]], [],
            new IdempotencyRecord("key-a", instance.Bookmarks["a"], "{}", Clock.GetCurrentInstant()));
        await session.CommitAsync(commit, Ct);
        await session.DisposeAsync();

        (await other).Error.Should().BeNull("the waiting step loads the committed version and commits after it");
        var stored = await Instances.LoadAsync(instance.Id, Ct);
        stored!.Instance.Version.Should().Be(snapshot.Instance.Version + 2);
        stored.OpenBookmarks.Select(b => b.Id).Should().Equal(instance.Bookmarks["c"]);
    }
}
