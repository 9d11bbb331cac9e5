using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Testing.Definitions;

/// <summary>
/// Builds workflow definition JSON the way Elsa Studio saves it, for tests:
/// <code>
/// new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Event("b").Join("join", "WaitAll").End("end")
///     .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
///     .Connect("a", "join").Connect("b", "join").Connect("join", "end")
///     .Build();
/// </code>
/// Each activity gets its <c>nodeId</c> (<c>&lt;definitionId&gt;:root:&lt;id&gt;</c>), a name, customProperties and
/// designer metadata (laid out left to right); inputs are wrapped as <c>{ typeName, expression: { type, value } }</c>
/// with Literal values as strings and Object values as JSON strings. Connections use the nested form.
/// </summary>
public sealed class FlowchartBuilder
{
    public const string JoinModeTypeName = "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core";

    private const double Width = 160;
    private const double Height = 54;
    private const double Spacing = 200;

    private readonly string _definitionId;
    private readonly List<JsonObject> _activities = [];
    private readonly List<JsonObject> _connections = [];
    private readonly Dictionary<string, int> _nameCounters = new(StringComparer.Ordinal);
    private string _name;

    public FlowchartBuilder(string definitionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definitionId);
        _definitionId = definitionId;
        _name = definitionId;
    }

    /// <summary>The root flowchart's nodeId, <c>&lt;definitionId&gt;:root</c>.</summary>
    public string RootNodeId => $"{_definitionId}:root";

    /// <summary>Sets the definition's display name (default: the definition id).</summary>
    public FlowchartBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public FlowchartBuilder Start(string id) => Activity("Elsa.Start", id);

    public FlowchartBuilder End(string id) => Activity("Elsa.End", id);

    public FlowchartBuilder Finish(string id) => Activity("Elsa.Finish", id);

    /// <summary>An <c>Elsa.FlowFork</c> whose branches (and output ports) are <paramref name="branches"/>.</summary>
    public FlowchartBuilder Fork(string id, params string[] branches) =>
        Activity("Elsa.FlowFork", id).Object("branches", JsonSerializer.Serialize(branches), "String[]");

    /// <summary>An <c>Elsa.FlowJoin</c>; without <paramref name="mode"/> it has no input, as a freshly dropped join.</summary>
    public FlowchartBuilder Join(string id, string? mode = null)
    {
        Activity("Elsa.FlowJoin", id);
        return mode is null ? this : Literal("mode", mode, JoinModeTypeName);
    }

    /// <summary>An <c>Elsa.Event</c>; without <paramref name="eventName"/> its bookmark is named after the activity id.</summary>
    public FlowchartBuilder Event(string id, string? eventName = null)
    {
        Activity("Elsa.Event", id);
        return eventName is null ? this : Literal("eventName", eventName);
    }

    public FlowchartBuilder WriteLine(string id, string text) => Activity("Elsa.WriteLine", id).Literal("text", text);

    /// <summary>Adds an activity of any type (e.g. a test activity) with no inputs.</summary>
    public FlowchartBuilder Activity(string type, string id, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var shortName = type[(type.LastIndexOf('.') + 1)..];
        var counter = _nameCounters[shortName] = _nameCounters.GetValueOrDefault(shortName) + 1;
        _activities.Add(new JsonObject
        {
            ["id"] = id,
            ["nodeId"] = $"{RootNodeId}:{id}",
            ["name"] = $"{shortName}{counter}",
            ["type"] = type,
            ["version"] = version,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false, ["runAsynchronously"] = false },
            ["metadata"] = new JsonObject
            {
                ["designer"] = new JsonObject
                {
                    ["position"] = new JsonObject { ["x"] = Spacing * _activities.Count, ["y"] = Spacing },
                    ["size"] = new JsonObject { ["width"] = Width, ["height"] = Height },
                },
            },
        });
        return this;
    }

    /// <summary>Sets a Literal input on the last activity added (the value is always a string, as the Studio sends it).</summary>
    public FlowchartBuilder Literal(string property, string? value, string? typeName = "String") =>
        Input(property, "Literal", value, typeName);

    /// <summary>Sets an Object input on the last activity added; <paramref name="json"/> is the JSON text, stored as a string.</summary>
    public FlowchartBuilder Object(string property, string json, string? typeName = "Object") =>
        Input(property, "Object", json, typeName);

    /// <summary>Sets any wrapped input on the last activity added (e.g. a <c>JavaScript</c> expression).</summary>
    public FlowchartBuilder Input(string property, string expressionType, string? value, string? typeName = "String")
    {
        if (_activities.Count == 0)
        {
            throw new InvalidOperationException("Add an activity before setting its inputs.");
        }

        _activities[^1][property] = new JsonObject
        {
            ["typeName"] = typeName,
            ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value },
        };
        return this;
    }

    /// <summary>Connects <paramref name="source"/>'s <c>Done</c> port to <paramref name="target"/>.</summary>
    public FlowchartBuilder Connect(string source, string target) => Connect(source, "Done", target);

    /// <summary>Connects <paramref name="source"/>'s <paramref name="port"/> to <paramref name="target"/>'s <c>In</c> port.</summary>
    public FlowchartBuilder Connect(string source, string port, string target)
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        return this;
    }

    /// <summary>The definition model as a fresh JSON object (change it to build broken definitions).</summary>
    public JsonObject BuildObject() => new()
    {
        ["definitionId"] = _definitionId,
        ["name"] = _name,
        ["version"] = 1,
        ["toolVersion"] = "3.8.0.0",
        ["variables"] = new JsonArray(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "root",
            ["nodeId"] = RootNodeId,
            ["name"] = "Flowchart1",
            ["metadata"] = new JsonObject(),
            ["customProperties"] = new JsonObject(),
            ["activities"] = new JsonArray(_activities.Select(a => (JsonNode)a.DeepClone()).ToArray()),
            ["connections"] = new JsonArray(_connections.Select(c => (JsonNode)c.DeepClone()).ToArray()),
        },
    };

    /// <summary>The definition model as JSON text.</summary>
    public string Build() => BuildObject().ToJsonString();

    /// <summary>A Studio save request <c>{ model, publish }</c> around the definition.</summary>
    public string BuildSaveRequest(bool publish) => new JsonObject { ["model"] = BuildObject(), ["publish"] = publish }.ToJsonString();
}
