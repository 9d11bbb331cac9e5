using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Ui.Shared;

namespace OneStop.Workflows.Server.Ui.Admin;

/// <summary>A refused command's messages for one field of a form, so that the form shows them at that field.</summary>
public static class FieldErrors
{
    /// <summary>Whether <paramref name="refusal"/> has a message for <paramref name="field"/> (the use case's field path).</summary>
    public static bool Has(Refusal? refusal, string field) => FieldErrorText.Has(refusal, field);

    /// <summary>The texts for <paramref name="field"/> in the page's language (<see cref="FieldErrorText"/>), joined, or null.</summary>
    public static string? Of(Refusal? refusal, string field) => FieldErrorText.For(refusal, field);
}
