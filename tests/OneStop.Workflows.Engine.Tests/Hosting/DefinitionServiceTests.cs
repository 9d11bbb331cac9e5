using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Hosting;

public sealed class DefinitionServiceTests
{
    // start ─▶ say(text) ─▶ end
    private static string Definition(string text) =>
        new FlowchartBuilder("greeting").Named("Greeting").Start("start").WriteLine("say", text).End("end")
            .Connect("start", "say").Connect("say", "end")
            .Build();

    [Fact]
    public async Task Save_UpdatesTheDraftInPlace_WhileNothingIsPublished()
    {
        var fixture = new HostFixture();
        var first = await fixture.SaveAsync(Definition("one"), publish: false);

        var second = await fixture.SaveAsync(Definition("two"), publish: false);

        first.Version.Should().Be(1);
        second.Version.Should().Be(1);
        second.Id.Should().Be(first.Id);
        second.CreatedAt.Should().Be(first.CreatedAt);
        second.UpdatedAt.Should().BeGreaterThan(first.UpdatedAt);
        second.IsPublished.Should().BeFalse();
        var latest = await fixture.Store.FindLatestAsync("greeting", HostFixture.Ct);
        latest!.Json.Should().Contain("two").And.NotContain("\"one\"");
        (await fixture.Store.FindVersionAsync("greeting", 2, HostFixture.Ct)).Should().BeNull();
        (await fixture.Store.FindPublishedAsync("greeting", HostFixture.Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Save_CreatesVersion2_WhenTheLatestIsPublished()
    {
        var fixture = new HostFixture();
        var v1 = await fixture.SaveAsync(Definition("one"), publish: true);

        var v2 = await fixture.SaveAsync(Definition("two"), publish: false);

        v2.Version.Should().Be(2);
        v2.Id.Should().NotBe(v1.Id);
        v2.IsPublished.Should().BeFalse();
        (await fixture.Store.FindLatestAsync("greeting", HostFixture.Ct))!.Id.Should().Be(v2.Id);
        var published = await fixture.Store.FindPublishedAsync("greeting", HostFixture.Ct);
        published!.Id.Should().Be(v1.Id, "the draft does not replace the published version");
        published.IsLatest.Should().BeFalse();
        published.Json.Should().Be(v1.Json);
    }

    [Fact]
    public async Task Publish_UnpublishesTheOtherVersions_AndLeavesThemUnchanged()
    {
        var fixture = new HostFixture();
        var v1 = await fixture.SaveAsync(Definition("one"), publish: true);
        await fixture.SaveAsync(Definition("two"), publish: false);

        var v2 = await fixture.SaveAsync(Definition("two, final"), publish: true);

        v2.Version.Should().Be(2, "the v2 draft is published in place");
        v2.IsPublished.Should().BeTrue();
        (await fixture.Store.FindPublishedAsync("greeting", HostFixture.Ct))!.Id.Should().Be(v2.Id);
        var storedV1 = await fixture.Store.FindVersionAsync("greeting", 1, HostFixture.Ct);
        storedV1!.IsPublished.Should().BeFalse();
        storedV1.Json.Should().Be(v1.Json);
    }

    [Fact]
    public async Task Publish_ReturnsAlreadyPublished_WhenTheDefinitionIsUnchanged()
    {
        var fixture = new HostFixture();
        var v1 = await fixture.SaveAsync(Definition("one"), publish: true);

        var again = await fixture.Definitions.SaveAsync(Definition("one"), publish: true, HostFixture.Ct);

        again.AlreadyPublished.Should().BeTrue();
        again.Errors.Should().BeEmpty();
        again.Saved.Should().BeEquivalentTo(v1);
        (await fixture.Store.FindVersionAsync("greeting", 2, HostFixture.Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Save_ReturnsEveryError_AndStoresNothing_WhenTheDefinitionIsInvalid()
    {
        var fixture = new HostFixture();
        var json = new FlowchartBuilder("greeting").Start("start").Activity("Acme.Unknown", "x").Connect("start", "x").Connect("x", "ghost").Build();

        var outcome = await fixture.Definitions.SaveAsync(json, publish: true, HostFixture.Ct);

        outcome.Succeeded.Should().BeFalse();
        outcome.Errors.Select(e => (e.Code, e.Path)).Should().BeEquivalentTo([
            ("activity.type.unknown", "$.root.activities[1].type"),
            ("connection.target.missing", "$.root.connections[1].target.activity"),
        ]);
        (await fixture.Store.FindLatestAsync("greeting", HostFixture.Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Save_AcceptsTheStudioSaveRequest()
    {
        var fixture = new HostFixture();

        var saved = await fixture.SaveAsync(TestWorkflows.ReadOutputFile("Fixtures/studio-save-request-fork-join.json"), publish: true);

        saved.DefinitionId.Should().Be("wf1");
        saved.Name.Should().Be("One-stop approval");
        saved.Json.Should().Contain("timeLimitWorkingDays").And.Contain("209.40625");
        var instance = await fixture.StartAsync("wf1");
        instance.Bookmarks.Select(b => b.ActivityId).Should().BeEquivalentTo("r1", "r2", "r3");
    }
}
