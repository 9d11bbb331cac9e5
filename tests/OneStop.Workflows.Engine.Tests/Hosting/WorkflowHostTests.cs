using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Hosting;

public sealed class WorkflowHostTests
{
    //                ┌─A─▶ a ─┐
    // start ─▶ fork ─┤        ├─▶ join(WaitAll) ─▶ end
    //                └─B─▶ b ─┘
    private static string Approval() =>
        new FlowchartBuilder("approval").Named("Approval").Start("start").Fork("fork", "A", "B").Event("a", "review-a").Event("b", "review-b")
            .Join("join", FlowJoinActivity.WaitAll).End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
            .Connect("a", "join").Connect("b", "join").Connect("join", "end")
            .Build();

    // start ─▶ a ─▶ say(text) ─▶ end
    private static string Versioned(string text) =>
        new FlowchartBuilder("versioned").Start("start").Event("a").WriteLine("say", text).End("end")
            .Connect("start", "a").Connect("a", "say").Connect("say", "end")
            .Build();

    private static async Task<(HostFixture Fixture, StepSummary Instance)> StartApprovalAsync()
    {
        var fixture = new HostFixture();
        await fixture.SaveAsync(Approval(), publish: true);
        var instance = await fixture.StartAsync("approval");
        return (fixture, instance);
    }

    [Fact]
    public async Task Start_WaitsOnEveryBranch_AndStoresTheInstance()
    {
        var (fixture, instance) = await StartApprovalAsync();

        instance.Status.Should().Be(WorkflowStatus.Waiting);
        instance.Bookmarks.Select(b => (b.ActivityId, b.Name)).Should().BeEquivalentTo([("a", "review-a"), ("b", "review-b")]);
        var snapshot = await fixture.Store.LoadAsync(HostFixture.InstanceId(instance), HostFixture.Ct);
        snapshot!.Instance.DefinitionVersion.Should().Be(1);
        snapshot.Instance.Version.Should().Be(1);
        snapshot.OpenBookmarks.Select(b => b.Id.ToString()).Should().BeEquivalentTo(instance.Bookmarks.Select(b => b.Id));
    }

    [Fact]
    public async Task Resume_FinishesTheInstance_WhenEveryBranchIsResumed()
    {
        var (fixture, instance) = await StartApprovalAsync();

        (await fixture.ResumeAsync(instance, "b", "key-b")).Summary!.Status.Should().Be(WorkflowStatus.Waiting);
        var last = await fixture.ResumeAsync(instance, "a", "key-a");

        last.Summary!.Status.Should().Be(WorkflowStatus.Finished);
        last.Summary.Bookmarks.Should().BeEmpty();
        var journal = await fixture.JournalAsync(instance);
        journal.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        journal.Should().ContainSingle(e => e.Event == JournalEvents.Completed && e.ActivityId == "join");
        var snapshot = await fixture.Store.LoadAsync(HostFixture.InstanceId(instance), HostFixture.Ct);
        snapshot!.Instance.Version.Should().Be(3);
        snapshot.OpenBookmarks.Should().BeEmpty();
    }

    [Fact]
    public async Task Resume_ReturnsTheFirstAnswer_WhenTheSameKeyIsRepeated()
    {
        var (fixture, instance) = await StartApprovalAsync();
        var first = await fixture.ResumeAsync(instance, "a", "key-1");
        var journal = await fixture.JournalAsync(instance);
        var commits = fixture.Store.CommitCount;

        var again = await fixture.ResumeAsync(instance, "a", "key-1");

        first.Replayed.Should().BeFalse();
        again.Error.Should().BeNull();
        again.Replayed.Should().BeTrue();
        again.Summary.Should().BeEquivalentTo(first.Summary);
        (await fixture.JournalAsync(instance)).Should().Equal(journal);
        fixture.Store.CommitCount.Should().Be(commits);
    }

    [Fact]
    public async Task Resume_RefusesAKey_WhenItWasUsedForAnotherBookmark()
    {
        var (fixture, instance) = await StartApprovalAsync();
        await fixture.ResumeAsync(instance, "a", "key-1");
        var journal = await fixture.JournalAsync(instance);

        var outcome = await fixture.ResumeAsync(instance, "b", "key-1");

        outcome.Error.Should().Be(HostError.IdempotencyKeyReused);
        outcome.Summary.Should().BeNull();
        (await fixture.JournalAsync(instance)).Should().Equal(journal);
        var snapshot = await fixture.Store.LoadAsync(HostFixture.InstanceId(instance), HostFixture.Ct);
        snapshot!.OpenBookmarks.Should().ContainSingle(b => b.ActivityId == "b");
    }

    [Fact]
    public async Task Resume_ReportsBookmarkNotFound_WhenTheBookmarkWasConsumed()
    {
        var (fixture, instance) = await StartApprovalAsync();
        await fixture.ResumeAsync(instance, "a", "key-1");

        var outcome = await fixture.ResumeAsync(instance, "a", "key-2");

        outcome.Error.Should().Be(HostError.BookmarkNotFound);
    }

    [Fact]
    public async Task Resume_ReportsInstanceNotFound_ForAnUnknownInstance()
    {
        var fixture = new HostFixture();

        var outcome = await fixture.Host.ResumeAsync(WorkflowInstanceId.New(), BookmarkId.New(), null, "key", HostFixture.Ct);

        outcome.Error.Should().Be(HostError.InstanceNotFound);
    }

    [Fact]
    public async Task Start_ReportsNoPublishedVersion_ForADraftOnlyDefinition()
    {
        var fixture = new HostFixture();
        await fixture.SaveAsync(Approval(), publish: false);

        (await fixture.Host.StartAsync("approval", null, HostFixture.Ct)).Error.Should().Be(HostError.NoPublishedVersion);
        (await fixture.Host.StartAsync("approval", 1, HostFixture.Ct)).Error.Should().Be(HostError.NoPublishedVersion);
        (await fixture.Host.StartAsync("nobody", null, HostFixture.Ct)).Error.Should().Be(HostError.DefinitionNotFound);
    }

    [Fact]
    public async Task Instance_KeepsRunningItsVersion_WhenANewerVersionIsPublished()
    {
        var fixture = new HostFixture();
        var v1 = await fixture.SaveAsync(Versioned("from v1"), publish: true);
        var onV1 = await fixture.StartAsync("versioned");

        var v2 = await fixture.SaveAsync(Versioned("from v2"), publish: true);
        var onV2 = await fixture.StartAsync("versioned");
        (await fixture.ResumeAsync(onV1, "a", "key-1")).Summary!.Status.Should().Be(WorkflowStatus.Finished);
        (await fixture.ResumeAsync(onV2, "a", "key-1")).Summary!.Status.Should().Be(WorkflowStatus.Finished);

        v2.Version.Should().Be(2);
        (await fixture.JournalAsync(onV1)).Should().ContainSingle(e => e.ActivityId == "say" && e.Event == JournalEvents.Completed)
            .Which.Message.Should().Be("from v1");
        (await fixture.JournalAsync(onV2)).Should().ContainSingle(e => e.ActivityId == "say" && e.Event == JournalEvents.Completed)
            .Which.Message.Should().Be("from v2");
        var storedV1 = await fixture.Store.FindVersionAsync("versioned", 1, HostFixture.Ct);
        storedV1!.Json.Should().Be(v1.Json, "a published version is never changed");
        storedV1.IsPublished.Should().BeFalse();
        (await fixture.Store.LoadAsync(HostFixture.InstanceId(onV1), HostFixture.Ct))!.Instance.DefinitionVersionId.Should().Be(v1.Id);
    }

    [Fact]
    public async Task Resume_RetriesFromFreshState_WhenAnotherResumeCommitsFirst()
    {
        var (fixture, instance) = await StartApprovalAsync();
        var racing = new InterleavingInstanceStore(fixture.Store);
        var host = new WorkflowHost(fixture.Store, racing, new CompiledWorkflowCache(ActivityCatalogue.CreateDefault()), fixture.Clock);
        // While this host is about to commit its resume of a, another host commits the resume of b.
        racing.BeforeNextCommit = async () => (await fixture.ResumeAsync(instance, "b", "key-b")).Summary!.Status.Should().Be(WorkflowStatus.Waiting);
        var a = instance.Bookmarks.Single(b => b.ActivityId == "a");

        var outcome = await host.ResumeAsync(HostFixture.InstanceId(instance), HostFixture.ParseBookmarkId(a.Id), null, "key-a", HostFixture.Ct);

        racing.Conflicts.Should().Be(1);
        outcome.Summary!.Status.Should().Be(WorkflowStatus.Finished);
        var journal = await fixture.JournalAsync(instance);
        journal.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        journal.Should().ContainSingle(e => e.Event == JournalEvents.Completed && e.ActivityId == "join");
        journal.Where(e => e.Event == JournalEvents.Resumed).Select(e => e.ActivityId).Should().Equal("b", "a");
    }

    /// <summary>Runs an action just before the next commit reaches the real store, and counts the conflicts that follow.</summary>
    private sealed class InterleavingInstanceStore(IWorkflowInstanceStore inner) : IWorkflowInstanceStore
    {
        public Func<Task>? BeforeNextCommit { get; set; }

        public int Conflicts { get; private set; }

        public Task<InstanceSnapshot?> LoadAsync(WorkflowInstanceId id, CancellationToken ct) => inner.LoadAsync(id, ct);

        public Task<IdempotencyRecord?> FindIdempotencyAsync(WorkflowInstanceId id, string key, CancellationToken ct) => inner.FindIdempotencyAsync(id, key, ct);

        public async Task CommitAsync(StepCommit commit, CancellationToken ct)
        {
            if (BeforeNextCommit is { } action)
            {
                BeforeNextCommit = null;
                await action();
            }

            try
            {
                await inner.CommitAsync(commit, ct);
            }
            catch (ConcurrencyConflictException)
            {
                Conflicts++;
                throw;
            }
        }

        public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(WorkflowInstanceId id, long afterSequence, int take, CancellationToken ct) =>
            inner.ReadJournalAsync(id, afterSequence, take, ct);
    }
}
