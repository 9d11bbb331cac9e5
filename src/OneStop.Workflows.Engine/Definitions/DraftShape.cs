using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Activities;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// Issue 11: the checks a draft passes before it is stored (the Studio auto-saves after every edit, so a half-drawn flow is a
/// normal draft). Only the shape: what <see cref="DefinitionReader"/> reports, activity types the catalogue knows (no nested
/// containers), expression types Literal and Object only, and no workflow variables, inputs or outputs. Missing Start, missing
/// required inputs, dangling connections are left to the full validation at publish (<see cref="WorkflowCompiler"/>).
/// </summary>
public static class DraftShape
{
    private static readonly HashSet<string> SupportedExpressions = new(StringComparer.Ordinal) { "Literal", "Object" };

    /// <summary>The shape errors of a read document (the reader's own errors first).</summary>
    public static IReadOnlyList<ValidationError> Check(DefinitionReadResult read, ActivityCatalogue catalogue)
    {
        var errors = new List<ValidationError>(read.Errors);
        if (read.Document is not { } document)
        {
            return errors;
        }

        var prefix = read.RootPath[..^".root".Length];
        foreach (var name in new[] { "variables", "inputs", "outputs" })
        {
            switch (document.Document[name])
            {
                case null:
                case JsonArray { Count: 0 }:
                    break;
                case JsonArray:
                    errors.Add(new($"{prefix}.{name}", $"definition.{name}.unsupported", $"此处不支持流程级的 {name}，请使用活动的输入项。 Workflow {name} are not supported here; use the activities' inputs."));
                    break;
                default:
                    errors.Add(new($"{prefix}.{name}", $"definition.{name}.malformed", $"“{name}”必须是数组。 '{name}' must be an array."));
                    break;
            }
        }

        foreach (var node in document.Root.Activities)
        {
            var path = JsonPaths.Activity(read.RootPath, node.Index);
            foreach (var input in node.Inputs.Values.Where(i => i.ExpressionType is not null && !SupportedExpressions.Contains(i.ExpressionType)))
            {
                errors.Add(new($"{path}.{input.PropertyName}.expression.type", "input.expression.unsupported",
                    $"不支持表达式类型“{input.ExpressionType}”，请使用 Literal 或 Object。 Expression type '{input.ExpressionType}' is not supported; use Literal or Object."));
            }

            if (string.IsNullOrWhiteSpace(node.Type))
            {
                errors.Add(new(path + ".type", "activity.type.missing", "每个活动都需要“type”。 Every activity needs a 'type'."));
            }
            else if (catalogue.Find(node.Type, node.Version) is not { } behaviour)
            {
                errors.Add(catalogue.KnowsType(node.Type)
                    ? new(path + ".version", "activity.version.unknown", $"活动类型“{node.Type}”没有第 {node.Version} 版。 Activity type '{node.Type}' has no version {node.Version}.")
                    : new(path + ".type", "activity.type.unknown", $"未知的活动类型“{node.Type}”。 Unknown activity type '{node.Type}'."));
            }
            else if (behaviour.Descriptor.IsContainer)
            {
                errors.Add(new(path + ".type", "activity.type.unsupported", $"“{node.Type}”只能作为根活动，不支持嵌套容器。 '{node.Type}' may only be the root; nested containers are not supported."));
            }
        }

        return errors;
    }

    /// <summary>
    /// Gives the root and every activity the ids the Studio needs (a create sends none): 16 lowercase hex characters for a missing
    /// <c>id</c>, <c>nodeId = root.nodeId:id</c> for a missing <c>nodeId</c>; and empty collections for null ones.
    /// </summary>
    public static void Normalise(JsonObject model)
    {
        foreach (var name in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            model[name] ??= new JsonArray();
        }

        model["customProperties"] ??= new JsonObject();
        model["options"] ??= new JsonObject();
        if (model["root"] is not JsonObject root)
        {
            return;
        }

        var rootId = Text(root["id"]) ?? NewId();
        root["id"] = rootId;
        var rootNodeId = Text(root["nodeId"]) ?? $"Workflow1:{rootId}";
        root["nodeId"] = rootNodeId;
        root["activities"] ??= new JsonArray();
        root["connections"] ??= new JsonArray();
        if (root["activities"] is not JsonArray activities)
        {
            return;
        }

        foreach (var activity in activities.OfType<JsonObject>())
        {
            var id = Text(activity["id"]) ?? NewId();
            activity["id"] = id;
            if (Text(activity["nodeId"]) is null)
            {
                activity["nodeId"] = $"{rootNodeId}:{id}";
            }
        }
    }

    /// <summary>A new activity id as the Studio makes them: 16 lowercase hex characters.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string? Text(JsonNode? node) => JsonValues.Text(node) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
