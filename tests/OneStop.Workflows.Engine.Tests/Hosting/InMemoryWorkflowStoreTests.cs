using NodaTime;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing.InMemory;

namespace OneStop.Workflows.Engine.Tests.Hosting;

/// <summary>The in-memory store must refuse what a database refuses, and write nothing when it does.</summary>
public sealed class InMemoryWorkflowStoreTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 5, 9, 0);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static InstanceRecord Instance(WorkflowInstanceId id, long version) =>
        new(id, "wf", "wf-v1", 1, InstanceState.Initial with { Status = WorkflowStatus.Waiting }, version, Now, Now);

    private static Bookmark Bookmark(string activityId) => new(BookmarkId.New(), activityId, "Elsa.Event", activityId, null, Now);

    private static JournalEntry Entry(long sequence) => new(sequence, Now, JournalEvents.Started, "a", "Elsa.Event");

    private static async Task<(InMemoryWorkflowStore Store, WorkflowInstanceId Id, Bookmark Open)> StoreWithInstanceAsync()
    {
        var store = new InMemoryWorkflowStore();
        var id = WorkflowInstanceId.New();
        var open = Bookmark("a");
        await store.CommitAsync(new StepCommit(Instance(id, 1), null, [open], [], [Entry(1), Entry(2)], null), Ct);
        return (store, id, open);
    }

    [Fact]
    public async Task Commit_RefusesASecondInsert_OfTheSameInstance()
    {
        var (store, id, _) = await StoreWithInstanceAsync();

        var act = () => store.CommitAsync(new StepCommit(Instance(id, 1), null, [], [], [Entry(3)], null), Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.ReadJournalAsync(id, 0, 100, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Commit_RefusesAStaleVersion_AndWritesNothing()
    {
        var (store, id, open) = await StoreWithInstanceAsync();
        await store.CommitAsync(new StepCommit(Instance(id, 2), 1, [], [], [Entry(3)], null), Ct);

        var act = () => store.CommitAsync(new StepCommit(Instance(id, 2), 1, [Bookmark("b")], [open.Id], [Entry(4)], new IdempotencyRecord("k", open.Id, "{}", Now)), Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        var snapshot = await store.LoadAsync(id, Ct);
        snapshot!.Instance.Version.Should().Be(2);
        snapshot.OpenBookmarks.Should().ContainSingle().Which.Id.Should().Be(open.Id);
        (await store.ReadJournalAsync(id, 0, 100, Ct)).Select(e => e.Sequence).Should().Equal(1, 2, 3);
        (await store.FindIdempotencyAsync(id, "k", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Commit_RefusesAnIdempotencyKeyUsedBefore_AndWritesNothing()
    {
        var (store, id, open) = await StoreWithInstanceAsync();
        await store.CommitAsync(new StepCommit(Instance(id, 2), 1, [], [], [Entry(3)], new IdempotencyRecord("k", open.Id, "{}", Now)), Ct);

        var act = () => store.CommitAsync(new StepCommit(Instance(id, 3), 2, [], [open.Id], [Entry(4)], new IdempotencyRecord("k", open.Id, "{}", Now)), Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.LoadAsync(id, Ct))!.Instance.Version.Should().Be(2);
        (await store.LoadAsync(id, Ct))!.OpenBookmarks.Should().ContainSingle();
    }

    [Fact]
    public async Task Commit_RefusesAJournalSequenceWrittenBefore()
    {
        var (store, id, _) = await StoreWithInstanceAsync();

        var act = () => store.CommitAsync(new StepCommit(Instance(id, 2), 1, [], [], [Entry(2)], null), Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.LoadAsync(id, Ct))!.Instance.Version.Should().Be(1);
    }

    [Fact]
    public async Task Commit_RemovesAndAddsBookmarks_AndReadJournalPages()
    {
        var (store, id, open) = await StoreWithInstanceAsync();
        var next = Bookmark("b");

        await store.CommitAsync(new StepCommit(Instance(id, 2), 1, [next], [open.Id], [Entry(3), Entry(4), Entry(5)], null), Ct);

        (await store.LoadAsync(id, Ct))!.OpenBookmarks.Should().ContainSingle().Which.Should().Be(next);
        (await store.ReadJournalAsync(id, 2, 2, Ct)).Select(e => e.Sequence).Should().Equal(3, 4);
        (await store.ReadJournalAsync(WorkflowInstanceId.New(), 0, 10, Ct)).Should().BeEmpty();
        (await store.LoadAsync(WorkflowInstanceId.New(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task SaveDefinition_RefusesADuplicateVersion_AndAnOverwriteOfAPublishedVersion()
    {
        var store = new InMemoryWorkflowStore();
        var v1 = new StoredDefinition("v1", "wf", 1, "wf", true, true, "{}", Now, Now);
        await store.SaveAsync(new DefinitionChange(v1, IsNew: true, UnpublishOthers: true), Ct);

        var duplicate = () => store.SaveAsync(new DefinitionChange(v1 with { Id = "other" }, IsNew: true, UnpublishOthers: false), Ct);
        var overwrite = () => store.SaveAsync(new DefinitionChange(v1 with { Json = "{\"changed\":true}" }, IsNew: false, UnpublishOthers: true), Ct);

        await duplicate.Should().ThrowAsync<ConcurrencyConflictException>();
        await overwrite.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.FindByIdAsync("v1", Ct)).Should().Be(v1);
        (await store.FindByIdAsync("other", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Commit_KeepsTheJournalGapFree_UnderParallelWriters()
    {
        var (store, id, _) = await StoreWithInstanceAsync();

        // Ten writers race for each of twenty versions; exactly one wins each round.
        var wins = 0;
        for (var version = 1; version <= 20; version++)
        {
            var expected = version;
            var sequence = version + 2;
            var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await store.CommitAsync(new StepCommit(Instance(id, expected + 1), expected, [], [], [Entry(sequence)], null), Ct);
                    return true;
                }
                catch (ConcurrencyConflictException)
                {
                    return false;
                }
            })));
            results.Count(r => r).Should().Be(1);
            wins++;
        }

        wins.Should().Be(20);
        (await store.ReadJournalAsync(id, 0, 100, Ct)).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 22).Select(i => (long)i));
    }
}
