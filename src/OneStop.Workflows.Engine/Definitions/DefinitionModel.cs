using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// A workflow definition as parsed from Elsa 3 JSON. <see cref="Document"/> keeps the whole model JSON
/// (normalised: connections in the nested form) so that designer metadata and unknown properties survive.
/// </summary>
public sealed record WorkflowDocument(
    string? DefinitionId,
    string? Name,
    JsonObject Document,
    FlowchartNode Root);

/// <summary>The root flowchart of a definition.</summary>
public sealed record FlowchartNode(
    string? Id,
    string? NodeId,
    string Type,
    IReadOnlyList<ActivityNode> Activities,
    IReadOnlyList<ConnectionNode> Connections);

/// <summary>One activity of the flowchart; <see cref="Index"/> is its position in the JSON array.</summary>
public sealed record ActivityNode(
    int Index,
    string? Id,
    string? NodeId,
    string? Name,
    string? Type,
    int Version,
    IReadOnlyDictionary<string, WrappedInput> Inputs);

/// <summary>An input as Elsa wraps it: <c>{ typeName, expression: { type, value } }</c>.</summary>
public sealed record WrappedInput(string PropertyName, string? TypeName, string? ExpressionType, string? Value);

/// <summary>A connection <c>source.activity/port → target.activity/port</c>; <see cref="Index"/> is its JSON array position.</summary>
public sealed record ConnectionNode(int Index, string? SourceActivity, string SourcePort, string? TargetActivity, string TargetPort);
