using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>The result of reading Elsa JSON: a document (when the shape could be read) and every error found.</summary>
public sealed record DefinitionReadResult(WorkflowDocument? Document, IReadOnlyList<ValidationError> Errors, string RootPath)
{
    public bool Succeeded => Document is not null && Errors.Count == 0;
}

/// <summary>
/// Reads the <c>WorkflowDefinition</c> JSON that Elsa Studio saves (or a Studio save request
/// <c>{ model, publish }</c>) into a <see cref="WorkflowDocument"/>, collecting shape errors with JSON paths.
/// Elsa's obsolete flat connection form is converted to the nested form.
/// </summary>
public static class DefinitionReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses and reads <paramref name="json"/>; with <paramref name="limits"/>, an oversized flowchart is refused before it is read.</summary>
    public static DefinitionReadResult Read(string json, DefinitionLimits? limits = null, CancellationToken ct = default)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            return Fail("$", "json.malformed", $"请求体不是有效的 JSON{where}：{ex.Message} The body is not valid JSON{where}: {ex.Message}");
        }

        return node is JsonObject obj ? Read(obj, limits, clone: false, ct) : Fail("$", "json.malformed", "流程定义必须是 JSON 对象。 The definition must be a JSON object.");
    }

    /// <summary>
    /// Reads a parsed object. The object is cloned; the caller's node is not changed. With <paramref name="limits"/>, a
    /// flowchart with too many activities or connections is refused (no document) before anything is cloned or read.
    /// </summary>
    public static DefinitionReadResult Read(JsonObject input, DefinitionLimits? limits = null, CancellationToken ct = default) =>
        Read(input, limits, clone: true, ct);

    /// <summary>Reads <paramref name="input"/>; without <paramref name="clone"/> the document keeps (and changes) the node, which only a freshly parsed one may.</summary>
    private static DefinitionReadResult Read(JsonObject input, DefinitionLimits? limits, bool clone, CancellationToken ct)
    {
        var (source, prefix) = input["root"] is null && input["model"] is JsonObject inner ? (inner, "$.model") : (input, "$");
        var rootPath = prefix + ".root";
        if (limits is not null && source["root"] is JsonObject counted && DefinitionSize.Check(counted, rootPath, limits) is { Count: > 0 } tooLarge)
        {
            return new(null, tooLarge, rootPath);
        }

        ct.ThrowIfCancellationRequested();
        var model = clone ? (JsonObject)source.DeepClone() : source;
        if (!clone && !ReferenceEquals(model, input))
        {
            input.Remove("model");
        }

        var errors = new List<ValidationError>();
        if (model["root"] is not JsonObject root)
        {
            errors.Add(new(rootPath, "definition.root.missing", "流程定义缺少根流程图（“root”对象）。 The definition has no root flowchart ('root' object)."));
            return new(null, errors, rootPath);
        }

        var rootType = JsonValues.String(root, "type");
        if (rootType != Activities.BuiltInActivities.Flowchart)
        {
            errors.Add(new(rootPath + ".type", "definition.root.unsupported",
                $"根活动必须是“{Activities.BuiltInActivities.Flowchart}”，而不是“{rootType ?? "(缺失)"}”。 The root activity must be '{Activities.BuiltInActivities.Flowchart}', not '{rootType ?? "(missing)"}'."));
        }

        var activities = ReadActivities(root, rootPath, errors, ct);
        var connections = ReadConnections(root, rootPath, errors, ct);
        var flowchart = new FlowchartNode(JsonValues.String(root, "id"), JsonValues.String(root, "nodeId"), rootType ?? string.Empty, activities, connections);
        var document = new WorkflowDocument(JsonValues.String(model, "definitionId"), JsonValues.String(model, "name"), model, flowchart);
        return new(document, errors, rootPath);
    }

    private static List<ActivityNode> ReadActivities(JsonObject root, string rootPath, List<ValidationError> errors, CancellationToken ct)
    {
        var result = new List<ActivityNode>();
        switch (root["activities"])
        {
            case null:
                return result;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var path = JsonPaths.Activity(rootPath, i);
                    if (array[i] is JsonObject activity)
                    {
                        result.Add(ReadActivity(activity, i, path, errors));
                    }
                    else
                    {
                        errors.Add(new(path, "activity.malformed", "活动必须是 JSON 对象。 An activity must be a JSON object."));
                    }
                }

                return result;
            default:
                errors.Add(new(rootPath + ".activities", "definition.activities.malformed", "“activities”必须是数组。 'activities' must be an array."));
                return result;
        }
    }

    private static ActivityNode ReadActivity(JsonObject activity, int index, string path, List<ValidationError> errors)
    {
        var version = 1;
        if (activity["version"] is JsonValue v && !JsonValues.TryInt(v, out version))
        {
            errors.Add(new(path + ".version", "activity.version.malformed", "“version”必须是整数。 'version' must be a whole number."));
        }

        var inputs = new Dictionary<string, WrappedInput>(StringComparer.Ordinal);
        foreach (var (name, value) in activity)
        {
            if (value is JsonObject wrapped && wrapped.ContainsKey("expression"))
            {
                var expression = wrapped["expression"] as JsonObject;
                inputs[name] = new WrappedInput(
                    name,
                    JsonValues.String(wrapped, "typeName"),
                    expression is null ? null : JsonValues.String(expression, "type"),
                    expression is null ? null : JsonValues.Text(expression["value"]));
            }
        }

        return new ActivityNode(index, JsonValues.String(activity, "id"), JsonValues.String(activity, "nodeId"),
            JsonValues.String(activity, "name"), JsonValues.String(activity, "type"), version, inputs);
    }

    private static List<ConnectionNode> ReadConnections(JsonObject root, string rootPath, List<ValidationError> errors, CancellationToken ct)
    {
        var result = new List<ConnectionNode>();
        if (root["connections"] is null)
        {
            return result;
        }

        if (root["connections"] is not JsonArray array)
        {
            errors.Add(new(rootPath + ".connections", "definition.connections.malformed", "“connections”必须是数组。 'connections' must be an array."));
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var path = JsonPaths.Connection(rootPath, i);
            if (array[i] is not JsonObject connection)
            {
                errors.Add(new(path, "connection.malformed", "连线必须是 JSON 对象。 A connection must be a JSON object."));
                continue;
            }

            if (connection["source"] is JsonValue || connection["target"] is JsonValue)
            {
                ConnectionForms.ConvertFlatToNested(connection);
            }

            var source = connection["source"] as JsonObject;
            var target = connection["target"] as JsonObject;
            result.Add(new ConnectionNode(
                i,
                source is null ? null : JsonValues.String(source, "activity"),
                (source is null ? null : JsonValues.String(source, "port")) ?? Runtime.Ports.Done,
                target is null ? null : JsonValues.String(target, "activity"),
                (target is null ? null : JsonValues.String(target, "port")) ?? Runtime.Ports.In));
        }

        return result;
    }

    private static DefinitionReadResult Fail(string path, string code, string message) =>
        new(null, [new ValidationError(path, code, message)], "$.root");
}
