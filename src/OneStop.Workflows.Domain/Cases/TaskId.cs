using System.Text.Json.Serialization;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>Identifies an inbox task (<see cref="ApprovalTask"/>).</summary>
[JsonConverter(typeof(TypedIdJsonConverter<TaskId>))]
public readonly record struct TaskId(Guid Value) : ITypedId<TaskId>
{
    public static TaskId From(Guid value) => new(value);

    /// <summary>A new time-ordered id.</summary>
    public static TaskId New() => new(SequentialGuid.New());

    /// <summary>The dashed GUID form (.NET's default), the one form every route returns; input may also be 32 hex digits.</summary>
    public override string ToString() => Value.ToString("D");

    public static bool TryParse(string? text, out TaskId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new TaskId(guid);
        return ok;
    }

    /// <summary>Formats as the Guid would (<c>N</c>, <c>D</c> …), so <c>{id:N}</c> keeps meaning what it meant for a raw Guid.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Orders as the Guid does (ids are time-ordered).</summary>
    public int CompareTo(TaskId other) => Value.CompareTo(other.Value);
}
