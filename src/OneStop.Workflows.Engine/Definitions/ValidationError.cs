namespace OneStop.Workflows.Engine.Definitions;

/// <summary>One problem in a workflow definition, located by a JSON path such as <c>$.root.activities[2].type</c>.</summary>
/// <param name="Path">JSON path of the offending value.</param>
/// <param name="Code">Stable machine-readable code, e.g. <c>activity.type.unknown</c>.</param>
/// <param name="Message">Human-readable explanation for the designer.</param>
public sealed record ValidationError(string Path, string Code, string Message);
