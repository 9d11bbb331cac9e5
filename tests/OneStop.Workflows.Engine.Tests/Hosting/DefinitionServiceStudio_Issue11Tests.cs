using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Engine.Tests.Hosting;

/// <summary>
/// Issue 11 (docs/adr/0014-studio-saves.md): the Studio's save path of <see cref="DefinitionService"/> over the in-memory store —
/// drafts after shape checks only, the full validation only at publish, ids for a create, the stale-base rule.
/// </summary>
public sealed class DefinitionServiceStudio_Issue11Tests
{
    private static readonly Func<StoredDefinition, DefinitionAudit> Audit = stored => new("designer", "DefinitionDraftSaved", "{}");

    [Fact]
    public async Task AHalfDrawnFlow_IsStoredAsADraft_ButItsPublishIsRefusedAndStoresNothing()
    {
        var fixture = new HostFixture();
        var draft = Model("half", Activity("join", "Elsa.FlowJoin"), Connection("join", "nowhere"));

        var saved = await fixture.Definitions.SaveStudioAsync(draft, publish: false, Audit, HostFixture.Ct);

        saved.Status.Should().Be(StudioSaveStatus.Saved);
        saved.Errors.Should().BeEmpty();
        var stored = await fixture.Store.FindLatestAsync("half", HostFixture.Ct);
        stored!.IsPublished.Should().BeFalse();

        var publish = await fixture.Definitions.SaveStudioAsync(JsonNode.Parse(stored.Json)!.AsObject(), publish: true, Audit, HostFixture.Ct);

        publish.Status.Should().Be(StudioSaveStatus.PublishInvalid);
        publish.Errors.Should().NotBeEmpty();
        (await fixture.Store.FindLatestAsync("half", HostFixture.Ct))!.Json.Should().Be(stored.Json, "a refused publish stores nothing");
        (await fixture.Store.FindPublishedAsync("half", HostFixture.Ct)).Should().BeNull();
    }

    [Fact]
    public async Task ACreate_GetsIdsAndNodeIds()
    {
        var fixture = new HostFixture();
        var create = Model(null, new JsonObject { ["type"] = "Elsa.Start", ["version"] = 1 });
        create["root"]!["id"] = null;

        var saved = await fixture.Definitions.SaveStudioAsync(create, publish: false, Audit, HostFixture.Ct);

        var model = JsonNode.Parse(saved.Saved!.Json)!.AsObject();
        saved.Saved.DefinitionId.Should().NotBeNullOrWhiteSpace();
        var root = model["root"]!.AsObject();
        root["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{16}$");
        var activity = root["activities"]![0]!.AsObject();
        activity["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{16}$");
        activity["nodeId"]!.GetValue<string>().Should().Be($"{root["nodeId"]}:{activity["id"]}");
        model["variables"].Should().BeOfType<JsonArray>();
    }

    [Fact]
    public async Task ASaveFromAnOlderRevision_IsStale_AndTheOwnNextSaveIsNot()
    {
        var fixture = new HostFixture();
        var first = await fixture.Definitions.SaveStudioAsync(Model("two", Activity("start", "Elsa.Start")), false, Audit, HostFixture.Ct);
        var loaded = JsonNode.Parse(first.Saved!.Json)!.AsObject();
        var other = (JsonObject)loaded.DeepClone();

        loaded["description"] = "mine";
        var mine = await fixture.Definitions.SaveStudioAsync(loaded, false, Audit, HostFixture.Ct);
        other["description"] = "theirs";
        var theirs = await fixture.Definitions.SaveStudioAsync(other, false, Audit, HostFixture.Ct);

        mine.Status.Should().Be(StudioSaveStatus.Saved);
        theirs.Status.Should().Be(StudioSaveStatus.Stale);
        var next = JsonNode.Parse(mine.Saved!.Json)!.AsObject();
        StudioRevision.Of(next).Should().Be(StudioRevision.Of(JsonNode.Parse(first.Saved.Json)!.AsObject()) + 1);
        next["description"] = "mine again";
        (await fixture.Definitions.SaveStudioAsync(next, false, Audit, HostFixture.Ct)).Status.Should().Be(StudioSaveStatus.Saved);
        JsonNode.Parse((await fixture.Store.FindLatestAsync("two", HostFixture.Ct))!.Json)!["description"]!.GetValue<string>().Should().Be("mine again");
    }

    [Theory]
    [InlineData("javascript", "$.model.root.activities[0].message.expression.type")]
    [InlineData("variables", "$.model.variables")]
    [InlineData("unknown", "$.model.root.activities[0].type")]
    [InlineData("sequence", "$.model.root.type")]
    public async Task WhatIsNotSupported_IsAShapeError_NamingItsPath(string construct, string path)
    {
        var fixture = new HostFixture();
        var model = Model("shape", Activity("a", construct == "unknown" ? "No.Such" : "Elsa.WriteLine"));
        switch (construct)
        {
            case "javascript":
                model["root"]!["activities"]![0]!["message"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "1" } };
                break;
            case "variables":
                model["variables"] = new JsonArray(new JsonObject { ["name"] = "x" });
                break;
            case "sequence":
                model["root"]!["type"] = "Elsa.Sequence";
                break;
        }

        var saved = await fixture.Definitions.SaveStudioAsync(model, false, Audit, HostFixture.Ct);

        saved.Status.Should().Be(StudioSaveStatus.ShapeInvalid);
        saved.Errors.Select(e => e.Path).Should().Contain(path);
        (await fixture.Store.FindLatestAsync("shape", HostFixture.Ct)).Should().BeNull();
    }

    private static JsonObject Model(string? definitionId, params JsonObject[] items)
    {
        var activities = new JsonArray([.. items.Where(i => i.ContainsKey("type")).Select(i => (JsonNode)i)]);
        var connections = new JsonArray([.. items.Where(i => i.ContainsKey("source")).Select(i => (JsonNode)i)]);
        return new JsonObject
        {
            ["id"] = null, ["definitionId"] = definitionId, ["name"] = "Studio " + definitionId,
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "root", ["nodeId"] = "Workflow1:root", ["activities"] = activities, ["connections"] = connections },
        };
    }

    private static JsonObject Activity(string id, string type) => new() { ["id"] = id, ["nodeId"] = $"Workflow1:root:{id}", ["type"] = type, ["version"] = 1 };

    private static JsonObject Connection(string from, string to) =>
        new() { ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" } };
}
