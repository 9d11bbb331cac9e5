using System.Text.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>Reads a decision's resume input (outcome, opinion, actor, corrections) tolerantly.</summary>
internal static class ApprovalInput
{
    public static string? Text(JsonObject? input, string key) =>
        input?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static IReadOnlyList<CorrectionItem> Corrections(JsonObject? input, string? department) =>
        input?[DecisionInput.Corrections] is JsonArray items
            ? items.OfType<JsonObject>()
                .Select(i => new CorrectionItem(Text(i, "material") ?? string.Empty, Text(i, "problem") ?? string.Empty, department))
                .Where(i => i.Material.Length > 0)
                .ToList()
            : [];

    public static string? Stage(Engine.Runtime.Bookmark? bookmark) =>
        bookmark?.Payload?[ApprovalBookmarks.Task] is JsonValue v ? v.GetValue<string>() : null;
}
