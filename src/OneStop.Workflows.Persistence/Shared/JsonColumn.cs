using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>
/// Maps a value (a list, a record) to one JSON text column. How a tracked value is snapshot and compared decides what
/// change detection costs (it runs several times per step): by its JSON for nested values; an immutable flat record by its
/// value equality, kept by reference; a list of such records element by element, kept as a shallow copy.
/// </summary>
public static class JsonColumn
{
    public static JsonSerializerOptions Options { get; } = NodaTime.Serialization.SystemTextJson.Extensions.ConfigureForNodaTime(
        new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } }, NodaTime.DateTimeZoneProviders.Tzdb);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<T>(text, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        return property;
    }

    /// <summary>An immutable record whose members are values (no collections): compared with its own equality, snapshot by reference.</summary>
    public static PropertyBuilder<T?> HasJsonRecordConversion<T>(this PropertyBuilder<T?> property)
        where T : class, IEquatable<T>
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<T>(text, Options),
            new ValueComparer<T?>(
                (a, b) => EqualityComparer<T>.Default.Equals(a, b),
                v => v == null ? 0 : v.GetHashCode(),
                v => v));
        return property;
    }

    /// <summary>A list of immutable records whose members are values: compared element by element, snapshot as a shallow copy.</summary>
    public static PropertyBuilder<List<T>> HasJsonListConversion<T>(this PropertyBuilder<List<T>> property)
        where T : class, IEquatable<T>
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            text => JsonSerializer.Deserialize<List<T>>(text, Options)!,
            new ValueComparer<List<T>>(
                (a, b) => ReferenceEquals(a, b) || (a != null && b != null && a.SequenceEqual(b)),
                v => v.Aggregate(v.Count, (hash, item) => HashCode.Combine(hash, item)),
                v => new List<T>(v)));
        return property;
    }
}
