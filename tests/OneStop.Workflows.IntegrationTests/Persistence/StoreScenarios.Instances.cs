using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.IntegrationTests.Persistence;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Resume_FinishesForkJoin_WhenAllThreeBranchesResumed()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();

        var a = await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct);
        var b = await Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-b", Ct);
        var c = await Host.ResumeAsync(instance.Id, instance.Bookmarks["c"], null, "key-c", Ct);

        a.Summary!.Status.Should().Be(WorkflowStatus.Waiting);
        b.Summary!.Bookmarks.Select(x => x.ActivityId).Should().Equal("c");
        c.Summary!.Status.Should().Be(WorkflowStatus.Finished);
        c.Summary.Bookmarks.Should().BeEmpty();
        var snapshot = await Instances.LoadAsync(instance.Id, Ct);
        snapshot!.Instance.State.Status.Should().Be(WorkflowStatus.Finished);
        snapshot.Instance.Version.Should().Be(4);
        snapshot.OpenBookmarks.Should().BeEmpty();
        ShouldBeOneFinishedRun(await JournalAsync(instance.Id));
    }

    [Fact]
    public async Task Resume_ReplaysFirstAnswer_WhenIdempotencyKeyRepeated()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        var first = await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct);
        var before = await DumpAsync(instance.Id);
        var journalCount = (await JournalAsync(instance.Id)).Count;

        var repeat = await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct);

        repeat.Replayed.Should().BeTrue();
        repeat.Error.Should().BeNull();
        repeat.Summary.Should().BeEquivalentTo(first.Summary);
        (await JournalAsync(instance.Id)).Should().HaveCount(journalCount);
        (await DumpAsync(instance.Id)).Should().Be(before);
    }

    [Fact]
    public async Task Resume_RefusesKey_WhenReusedForAnotherBookmark()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-1", Ct);

        var reused = await Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-1", Ct);

        reused.Error.Should().Be(HostError.IdempotencyKeyReused);
        (await Instances.LoadAsync(instance.Id, Ct))!.OpenBookmarks.Select(x => x.Id)
            .Should().BeEquivalentTo([instance.Bookmarks["b"], instance.Bookmarks["c"]]);
    }

    [Fact]
    public async Task Resume_ReturnsBookmarkNotFound_WhenBookmarkAlreadyConsumed()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-1", Ct);

        var again = await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-2", Ct);

        again.Error.Should().Be(HostError.BookmarkNotFound);
    }

    [Fact]
    public async Task Resume_FiresJoinOnce_WhenThreeBranchesResumedConcurrently()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = instance.Bookmarks.Select(pair => Task.Run(async () =>
        {
            await gate.Task;
            return await Host.ResumeAsync(instance.Id, pair.Value, null, "key-" + pair.Key, Ct);
        })).ToList();

        gate.SetResult();
        var outcomes = await Task.WhenAll(workers);

        outcomes.Should().OnlyContain(o => o.Error == null && o.Summary != null && !o.Replayed);
        outcomes.Count(o => o.Summary!.Status == WorkflowStatus.Finished).Should().Be(1);
        (await Instances.LoadAsync(instance.Id, Ct))!.Instance.State.Status.Should().Be(WorkflowStatus.Finished);
        ShouldBeOneFinishedRun(await JournalAsync(instance.Id));
    }

    [Fact]
    public async Task InstanceStore_ThrowsConflict_WhenExpectedVersionIsStale()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct);
        var current = (await Instances.LoadAsync(instance.Id, Ct))!.Instance;
        var before = await DumpAsync(instance.Id);
        var stale = new StepCommit(current with { Version = 2 }, ExpectedVersion: 1, [], [instance.Bookmarks["b"]], [], null);

        var act = () => Instances.CommitAsync(stale, Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await DumpAsync(instance.Id)).Should().Be(before);
    }

    [Fact]
    public async Task FailureInjection_BetweenInstanceWriteAndCommit_LeavesNoPartialState()
    {
        await PublishForkJoinAsync();
        var instance = await StartForkJoinAsync();
        await Host.ResumeAsync(instance.Id, instance.Bookmarks["a"], null, "key-a", Ct);
        var before = await DumpAsync(instance.Id);

        Failures.ArmOnce();
        var act = () => Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-b", Ct);

        await act.Should().ThrowAsync<InjectedCommitFailureException>();
        (await DumpAsync(instance.Id)).Should().Be(before);
        var retried = await Host.ResumeAsync(instance.Id, instance.Bookmarks["b"], null, "key-b", Ct);
        retried.Replayed.Should().BeFalse();
        retried.Summary!.Bookmarks.Select(x => x.ActivityId).Should().Equal("c");
    }

    [Fact]
    public async Task Migrations_HaveNoPendingModelChanges()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for this provider");
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().NotBeEmpty();
    }
}
