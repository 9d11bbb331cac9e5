using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Serialization.SystemTextJson;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>
/// The JSON form of <see cref="InstanceState"/> in <c>workflow_instances.state</c>: web defaults (camelCase),
/// enums as strings, instants as ISO-8601, nulls left out to keep the row small.
/// </summary>
public static class InstanceStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), NodaConverters.InstantConverter },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new JsonException("The stored instance state is null.");
}
