using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Which stored definition version a compiled workflow came from.</summary>
public sealed record DefinitionIdentity(string DefinitionId, int Version, string VersionId);

/// <summary>
/// A validated, executable flowchart: activities with resolved inputs, edges by index and a reachability
/// table. Immutable and shared between instances and threads.
/// </summary>
public sealed class CompiledWorkflow
{
    private readonly Dictionary<string, int> _indexById;
    private readonly bool[][] _reach;

    internal CompiledWorkflow(DefinitionIdentity identity, IReadOnlyList<CompiledActivity> activities, int startIndex, bool[][] reach)
    {
        Identity = identity;
        Activities = activities;
        StartIndex = startIndex;
        _reach = reach;
        _indexById = activities.ToDictionary(a => a.Id, a => a.Index, StringComparer.Ordinal);
    }

    public DefinitionIdentity Identity { get; }

    public IReadOnlyList<CompiledActivity> Activities { get; }

    public int StartIndex { get; }

    public CompiledActivity? Find(string activityId) =>
        _indexById.TryGetValue(activityId, out var index) ? Activities[index] : null;

    /// <summary>True when a token at <paramref name="from"/> can travel to <paramref name="to"/> (or is already there).</summary>
    public bool CanReach(int from, int to) => from == to || _reach[from][to];
}

/// <summary>One executable activity of a <see cref="CompiledWorkflow"/>.</summary>
public sealed class CompiledActivity
{
    internal CompiledActivity(int index, string id, string? name, IActivity behaviour, IReadOnlyDictionary<string, object?> inputs)
    {
        Index = index;
        Id = id;
        Name = name;
        Behaviour = behaviour;
        Inputs = inputs;
    }

    public int Index { get; }

    public string Id { get; }

    public string? Name { get; }

    public string Type => Behaviour.Descriptor.TypeName;

    public IActivity Behaviour { get; }

    public IReadOnlyDictionary<string, object?> Inputs { get; }

    public IReadOnlyList<Edge> Outgoing { get; internal set; } = [];

    /// <summary>Indexes (in the definition's connection array) of the connections that end here.</summary>
    public IReadOnlyList<int> Incoming { get; internal set; } = [];

    public bool IsJoin => Type == Activities.BuiltInActivities.FlowJoin;

    public string JoinMode => Inputs.GetValueOrDefault("Mode") as string ?? Activities.FlowJoinActivity.WaitAll;
}

/// <summary>An outgoing connection: from <see cref="Port"/> to the activity at index <see cref="Target"/>.</summary>
public readonly record struct Edge(int ConnectionIndex, string Port, int Source, int Target);
