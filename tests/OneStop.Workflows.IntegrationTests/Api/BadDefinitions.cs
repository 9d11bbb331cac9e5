using System.Text.Json.Nodes;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>
/// One bad definition per kind of problem the API must reject, made from workflows/fork-join-sample.json.
/// Sample layout: activities [start, fork, r1, r3, join, end, r2]; connections
/// [start→fork, fork.A→r1, fork.B→r2, fork.C→r3, r1→join, r2→join, r3→join, join→end].
/// </summary>
public static class BadDefinitions
{
    public const string DefinitionId = "api-bad";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "malformed JSON", "{ \"definitionId\": \"api-bad\", ", "$", "json.malformed" },
        { "no root", "{\"definitionId\":\"api-bad\"}", "$.root", "definition.root.missing" },
        { "unsupported root", Mutate(m => m["root"]!["type"] = "Elsa.Sequence"), "$.root.type", "definition.root.unsupported" },
        { "unknown activity type", Mutate(m => Activity(m, 2)["type"] = "GovApproval.DepartmentReview"), "$.root.activities[2].type", "activity.type.unknown" },
        { "unknown activity version", Mutate(m => Activity(m, 2)["version"] = 9), "$.root.activities[2].version", "activity.version.unknown" },
        { "missing id", Mutate(m => Activity(m, 5).Remove("id")), "$.root.activities[5].id", "activity.id.missing" },
        { "missing nodeId", Mutate(m => Activity(m, 3).Remove("nodeId")), "$.root.activities[3].nodeId", "activity.nodeId.missing" },
        { "duplicate id", Mutate(m => Activity(m, 6)["id"] = "r1"), "$.root.activities[6].id", "activity.id.duplicate" },
        { "connection to a missing activity", Mutate(m => Connection(m, 7)["target"]!["activity"] = "nowhere"), "$.root.connections[7].target.activity", "connection.target.missing" },
        { "connection from a missing port", Mutate(m => Connection(m, 4)["source"]!["port"] = "Approved"), "$.root.connections[4].source.port", "connection.port.unknown" },
        { "no start", Mutate(m => { m["root"]!["activities"] = new JsonArray(); m["root"]!["connections"] = new JsonArray(); }), "$.root.activities", "flowchart.start.missing" },
        { "unreachable activity", Mutate(AddOrphan), "$.root.activities[7]", "activity.unreachable" },
        { "join fed by nothing", Mutate(m => { foreach (var i in new[] { 6, 5, 4 }) { m["root"]!["connections"]!.AsArray().RemoveAt(i); } }), "$.root.activities[4]", "join.unfed" },
        { "unsupported expression type", Mutate(m => Activity(m, 1)["branches"]!["expression"]!["type"] = "JavaScript"), "$.root.activities[1].branches.expression.type", "input.expression.unsupported" },
    };

    private static string Mutate(Action<JsonObject> change)
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, "fork-join-sample.json")))!.AsObject();
        model["definitionId"] = DefinitionId;
        change(model);
        return model.ToJsonString();
    }

    private static JsonObject Activity(JsonObject model, int index) => model["root"]!["activities"]![index]!.AsObject();

    private static JsonObject Connection(JsonObject model, int index) => model["root"]!["connections"]![index]!.AsObject();

    private static void AddOrphan(JsonObject model) =>
        model["root"]!["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "orphan",
            ["nodeId"] = "fork-join-sample:root:orphan",
            ["type"] = "Elsa.WriteLine",
            ["version"] = 1,
        });
}
