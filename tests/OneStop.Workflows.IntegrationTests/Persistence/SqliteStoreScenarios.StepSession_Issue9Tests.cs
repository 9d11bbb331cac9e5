using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9 on SQLite: a step session reads without a lock (the write lock comes at the commit), so another step can commit
/// while it is open; the version check then refuses the stale session's commit.
/// </summary>
public sealed partial class SqliteStoreScenarios
{
    [Fact]
    public async Task StepSession_WhoseInstanceMovedOn_CommitsNothing()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        await using var stale = await Instances.OpenStepAsync(instance.Id, "key-a", Ct);

        // Another step of the instance commits while the session is open.
        (await Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-b", Ct)).Error.Should().BeNull();
        var before = await DumpAsync(instance.Id);

        var snapshot = stale.Snapshot!;
        var commit = new StepCommit(snapshot.Instance with { Version = snapshot.Instance.Version + 1, UpdatedAt = Clock.GetCurrentInstant() },
            snapshot.Instance.Version, [], [instance.Bookmarks["a"]], [],
            new IdempotencyRecord("key-a", instance.Bookmarks["a"], "{}", Clock.GetCurrentInstant()));
        var act = () => stale.CommitAsync(commit, Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await DumpAsync(instance.Id)).Should().Be(before);
    }
}
