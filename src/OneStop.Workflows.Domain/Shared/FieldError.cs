namespace OneStop.Workflows.Domain.Shared;

/// <summary>
/// One reason why one field of a command is wrong: a stable <see cref="Code"/> (<see cref="FieldErrorCodes"/>) the UI turns into
/// a text in the reader's language, the English <see cref="Message"/> the API has always sent, and the values the text names
/// (<see cref="Args"/>: lengths, limits, dates, the echoed input) as named arguments (ADR 0017).
/// </summary>
public sealed record FieldError(string Code, string Message, IReadOnlyDictionary<string, object?>? Args = null)
{
    /// <summary>This error with one more named argument (<c>{name}</c> in a text).</summary>
    public FieldError With(string name, object? value)
    {
        var args = Args is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(Args, StringComparer.Ordinal);
        args[name] = value;
        return this with { Args = args };
    }

    /// <summary>The English messages of <paramref name="errors"/> by field: the <c>errors</c> of a 400, as before codes existed.</summary>
    public static IReadOnlyDictionary<string, string[]> Messages(IReadOnlyDictionary<string, FieldError[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(f => f.Message).ToArray(), StringComparer.Ordinal);
}
