using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.IntegrationTests.Persistence;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task DefinitionSave_UpdatesDraftInPlace_WhenLatestIsDraft()
    {
        var first = await Definitions.SaveAsync(ForkJoinJson, publish: false, Ct);
        Clock.AdvanceMinutes(1);
        var second = await Definitions.SaveAsync(ForkJoinVariant("edited"), publish: false, Ct);

        second.Saved!.Id.Should().Be(first.Saved!.Id);
        second.Saved.Version.Should().Be(1);
        var stored = await DefinitionStore.FindLatestAsync(DefinitionId, Ct);
        stored.Should().BeEquivalentTo(second.Saved);
        stored!.Json.Should().Contain("edited");
        stored.CreatedAt.Should().Be(first.Saved.CreatedAt);
        (await DefinitionStore.FindVersionAsync(DefinitionId, 2, Ct)).Should().BeNull();
        (await DefinitionStore.FindPublishedAsync(DefinitionId, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task DefinitionSave_CreatesVersion2_WhenLatestIsPublished()
    {
        var published = await PublishForkJoinAsync();

        var draft = await Definitions.SaveAsync(ForkJoinVariant("v2"), publish: false, Ct);

        draft.Saved!.Version.Should().Be(2);
        draft.Saved.Id.Should().NotBe(published.Id);
        (await DefinitionStore.FindLatestAsync(DefinitionId, Ct)).Should().BeEquivalentTo(draft.Saved);
        var v1 = await DefinitionStore.FindVersionAsync(DefinitionId, 1, Ct);
        v1!.IsPublished.Should().BeTrue();
        v1.IsLatest.Should().BeFalse();
        (await DefinitionStore.FindPublishedAsync(DefinitionId, Ct))!.Id.Should().Be(published.Id);
        (await DefinitionStore.FindByIdAsync(published.Id, Ct))!.Json.Should().Be(published.Json);
    }

    [Fact]
    public async Task DefinitionPublish_UnpublishesOtherVersions_WhenNewVersionPublished()
    {
        var v1 = await PublishForkJoinAsync();

        var v2 = await Definitions.SaveAsync(ForkJoinVariant("v2"), publish: true, Ct);

        v2.Saved!.Version.Should().Be(2);
        (await DefinitionStore.FindPublishedAsync(DefinitionId, Ct))!.Id.Should().Be(v2.Saved.Id);
        var old = await DefinitionStore.FindByIdAsync(v1.Id, Ct);
        old!.IsPublished.Should().BeFalse();
        old.IsLatest.Should().BeFalse();
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        (await db.Definitions.CountAsync(r => r.DefinitionId == DefinitionId && r.IsPublished, Ct)).Should().Be(1);
        (await db.Definitions.CountAsync(r => r.DefinitionId == DefinitionId && r.IsLatest, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task DefinitionPublish_ReturnsAlreadyPublished_WhenRootIsIdentical()
    {
        var v1 = await PublishForkJoinAsync();

        var again = await Definitions.SaveAsync(ForkJoinJson, publish: true, Ct);

        again.AlreadyPublished.Should().BeTrue();
        again.Saved!.Id.Should().Be(v1.Id);
        (await DefinitionStore.FindVersionAsync(DefinitionId, 2, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task DefinitionStore_ThrowsConflict_WhenVersionAlreadyExists()
    {
        var v1 = await PublishForkJoinAsync();
        var clash = v1 with { Id = Guid.NewGuid().ToString("N"), IsPublished = false };

        var act = () => DefinitionStore.SaveAsync(new DefinitionChange(clash, IsNew: true, UnpublishOthers: false), Ct);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await DefinitionStore.FindLatestAsync(DefinitionId, Ct))!.Id.Should().Be(v1.Id);
    }
}
