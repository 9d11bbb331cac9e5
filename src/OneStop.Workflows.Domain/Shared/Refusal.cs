namespace OneStop.Workflows.Domain.Shared;

/// <summary>What kind of "no" a refusal is; the server maps it to a status code in one place (Server/Hosting/Problems.cs).</summary>
public enum RefusalKind
{
    /// <summary>The input is wrong (400); <see cref="Refusal.Errors"/> says which field and why.</summary>
    Invalid,

    /// <summary>The acting user may not do this to this case or task (403).</summary>
    Forbidden,

    /// <summary>Nothing with that id (404).</summary>
    NotFound,

    /// <summary>The command does not fit the current state (409): already decided, paused, closed, changed meanwhile.</summary>
    Conflict,
}

/// <summary>
/// The one way the domain and the use cases say no: a kind, a stable code (<see cref="RefusalCodes"/>), a message for
/// people and, for invalid input, the fields at fault. A refused command changed nothing.
/// </summary>
/// <remarks>
/// <see cref="Errors"/> are the English messages by field (the <c>errors</c> of a 400, unchanged); <see cref="FieldErrors"/> the
/// same errors with their codes and arguments (ADR 0017), null for a refusal made with the codeless overloads.
/// </remarks>
public sealed record Refusal(RefusalKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The field errors with their codes (same fields and order as <see cref="Errors"/>), or null when they have none.</summary>
    public IReadOnlyDictionary<string, FieldError[]>? FieldErrors { get; init; }

    /// <summary>Invalid input, every field error with its code; <see cref="Errors"/> carries their messages.</summary>
    public static Refusal Invalid(IReadOnlyDictionary<string, FieldError[]> errors) =>
        new(RefusalKind.Invalid, RefusalCodes.InvalidRequest, "The request is invalid.", FieldError.Messages(errors)) { FieldErrors = errors };

    /// <summary>Invalid input in one field, with codes.</summary>
    public static Refusal Invalid(string field, params FieldError[] errors) =>
        Invalid(new Dictionary<string, FieldError[]> { [field] = errors });

    /// <summary>Codeless (field → English messages): only for the Studio's use cases, which show the text as it is (ADR 0017).</summary>
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RefusalKind.Invalid, RefusalCodes.InvalidRequest, "The request is invalid.", errors);

    /// <summary>Codeless, one field: only for the Studio's use cases (ADR 0017).</summary>
    public static Refusal Invalid(string field, params string[] messages) =>
        Invalid(new Dictionary<string, string[]> { [field] = messages });

    public static Refusal Forbidden(string message, string code = RefusalCodes.Forbidden) => new(RefusalKind.Forbidden, code, message);

    public static Refusal NotFound(string message, string code = RefusalCodes.NotFound) => new(RefusalKind.NotFound, code, message);

    public static Refusal Conflict(string message, string code) => new(RefusalKind.Conflict, code, message);
}
