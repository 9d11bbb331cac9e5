using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneStop.Workflows.Domain.Shared;

/// <summary>A typed GUID id (<c>TaskId</c>, <c>ClockId</c>, <c>SignalId</c>): the same uuid in storage and on the wire, a distinct type in code.</summary>
public interface ITypedId<TSelf> : IFormattable, IComparable<TSelf>
    where TSelf : struct, ITypedId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);
}

/// <summary>Writes a typed id as the dashed GUID string (as a raw Guid was written); reads any form <see cref="Guid.TryParse(string?, out Guid)"/> accepts.</summary>
public sealed class TypedIdJsonConverter<T> : JsonConverter<T>
    where T : struct, ITypedId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var guid)
            ? T.From(guid)
            : throw new JsonException($"A {typeof(T).Name} is a GUID string.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value.ToString("D"));
}
