using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Server.Ui.Admin;

/// <summary>A refused command's messages for one field of a form, so that the form shows them at that field.</summary>
public static class FieldErrors
{
    /// <summary>Whether <paramref name="refusal"/> has a message for <paramref name="field"/> (the use case's field path).</summary>
    public static bool Has(Refusal? refusal, string field) => refusal?.Errors?.ContainsKey(field) == true;

    /// <summary>The messages for <paramref name="field"/>, joined, or null.</summary>
    public static string? Of(Refusal? refusal, string field) =>
        refusal?.Errors is { } errors && errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
