using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Ui.Resources;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// A refusal's field errors in the page's language (ADR 0017): the text <c>Field.{code}</c> of <c>SharedText</c> with the
/// error's named arguments filled in, else the use case's own (English) message. The one helper of <see cref="RefusalView"/>
/// and of every form that shows errors at their fields.
/// </summary>
public static partial class FieldErrorText
{
    private static readonly ResourceManager Texts = new(typeof(SharedText).FullName!, typeof(SharedText).Assembly);

    /// <summary>The text of <paramref name="error"/> in the current UI culture; its message when the code has no text or an argument is missing.</summary>
    public static string Of(FieldError error)
    {
        if (Texts.GetString($"Field.{error.Code}", CultureInfo.CurrentUICulture) is not { Length: > 0 } text)
        {
            return error.Message;
        }

        var missing = false;
        var filled = Placeholder().Replace(text, m =>
        {
            if (error.Args is { } args && args.TryGetValue(m.Groups[1].Value, out var value))
            {
                return Convert.ToString(value, CultureInfo.CurrentCulture) ?? string.Empty;
            }

            missing = true;
            return m.Value;
        });
        return missing ? error.Message : filled;
    }

    /// <summary>The texts by field: the coded errors' texts, or the messages of a refusal without codes.</summary>
    public static IReadOnlyDictionary<string, string[]> ByField(Refusal? refusal) =>
        refusal?.FieldErrors is { } coded ? coded.ToDictionary(e => e.Key, e => e.Value.Select(Of).ToArray(), StringComparer.Ordinal)
        : refusal?.Errors is { } plain ? plain.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
        : new Dictionary<string, string[]>();

    /// <summary>Whether <paramref name="refusal"/> has an error for <paramref name="field"/> (the use case's field path).</summary>
    public static bool Has(Refusal? refusal, string field) => refusal?.Errors?.ContainsKey(field) == true;

    /// <summary>The texts for <paramref name="field"/> (with <paramref name="nested"/>, also for its parts <c>field.x</c>), joined, or null.</summary>
    public static string? For(Refusal? refusal, string field, bool nested = false) =>
        ByField(refusal).Where(e => e.Key == field || (nested && e.Key.StartsWith(field + ".", StringComparison.Ordinal))).SelectMany(e => e.Value).ToList()
            is { Count: > 0 } texts
            ? string.Join(" ", texts)
            : null;

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
