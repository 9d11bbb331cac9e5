using System.Text.Json.Serialization;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>Identifies a clock (<see cref="Clock"/>): a case's clock or a review's step clock.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<ClockId>))]
public readonly record struct ClockId(Guid Value) : ITypedId<ClockId>
{
    public static ClockId From(Guid value) => new(value);

    /// <summary>A new time-ordered id.</summary>
    public static ClockId New() => new(SequentialGuid.New());

    /// <summary>The dashed GUID form (.NET's default), the one form every route returns; input may also be 32 hex digits.</summary>
    public override string ToString() => Value.ToString("D");

    public static bool TryParse(string? text, out ClockId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new ClockId(guid);
        return ok;
    }

    /// <summary>Formats as the Guid would (<c>N</c>, <c>D</c> …), so <c>{id:N}</c> keeps meaning what it meant for a raw Guid.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Orders as the Guid does (ids are time-ordered).</summary>
    public int CompareTo(ClockId other) => Value.CompareTo(other.Value);
}
