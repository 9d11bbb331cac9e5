namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Why a staff administration command was refused: invalid input (400, by field), unknown (404), or the state forbids it (409, stable code).</summary>
public sealed record StaffRefusal(StaffRefusal.Kinds Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? Code = null)
{
    public enum Kinds
    {
        Invalid,
        NotFound,
        Conflict,
    }

    public static StaffRefusal Invalid(IReadOnlyDictionary<string, string[]> errors) => new(Kinds.Invalid, "The request is invalid.", errors);

    public static StaffRefusal Invalid(string field, params string[] messages) => Invalid(new Dictionary<string, string[]> { [field] = messages });

    public static StaffRefusal NotFound(string detail) => new(Kinds.NotFound, detail);

    public static StaffRefusal Conflict(string detail, string code) => new(Kinds.Conflict, detail, Code: code);
}

/// <summary>What a staff administration handler answers: the value, or the refusal (nothing changed).</summary>
public readonly record struct StaffOutcome<T>(T? Value, StaffRefusal? Refusal)
{
    public static implicit operator StaffOutcome<T>(T value) => new(value, null);

    public static implicit operator StaffOutcome<T>(StaffRefusal refusal) => new(default, refusal);
}
