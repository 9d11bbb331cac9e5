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
public sealed record Refusal(RefusalKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RefusalKind.Invalid, RefusalCodes.InvalidRequest, "The request is invalid.", errors);

    public static Refusal Invalid(string field, params string[] messages) =>
        Invalid(new Dictionary<string, string[]> { [field] = messages });

    public static Refusal Forbidden(string message, string code = RefusalCodes.Forbidden) => new(RefusalKind.Forbidden, code, message);

    public static Refusal NotFound(string message, string code = RefusalCodes.NotFound) => new(RefusalKind.NotFound, code, message);

    public static Refusal Conflict(string message, string code) => new(RefusalKind.Conflict, code, message);
}
