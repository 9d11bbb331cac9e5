using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Which stored definition version a compiled workflow came from.</summary>
public sealed record DefinitionIdentity(string DefinitionId, int Version, string VersionId);

/// <summary>
/// A validated, executable flowchart: activities with resolved inputs and edges by index. Immutable and shared between
/// instances and threads. Reachability is worked out per activity when the runtime first asks (one walk over the edges,
/// then kept), so compiling stays linear in activities + connections.
/// </summary>
public sealed class CompiledWorkflow
{
    private readonly Dictionary<string, int> _indexById;
    private readonly Dictionary<int, Edge> _edgeByConnection;
    private readonly bool[]?[] _reach;

    internal CompiledWorkflow(DefinitionIdentity identity, IReadOnlyList<CompiledActivity> activities, int startIndex)
    {
        Identity = identity;
        Activities = activities;
        StartIndex = startIndex;
        _reach = new bool[]?[activities.Count];
        _indexById = activities.ToDictionary(a => a.Id, a => a.Index, StringComparer.Ordinal);
        _edgeByConnection = activities.SelectMany(a => a.Outgoing).ToDictionary(e => e.ConnectionIndex);
    }

    public DefinitionIdentity Identity { get; }

    public IReadOnlyList<CompiledActivity> Activities { get; }

    public int StartIndex { get; }

    public CompiledActivity? Find(string activityId) =>
        _indexById.TryGetValue(activityId, out var index) ? Activities[index] : null;

    /// <summary>The edge of the connection at <paramref name="connectionIndex"/> in the definition's connection array.</summary>
    public Edge EdgeOf(int connectionIndex) => _edgeByConnection[connectionIndex];

    /// <summary>True when a token at <paramref name="from"/> can travel to <paramref name="to"/> (or is already there).</summary>
    public bool CanReach(int from, int to) => from == to || ReachableFrom(from)[to];

    /// <summary>Activities reachable from <paramref name="from"/> over one or more edges; computed once per activity (a race computes the same row twice, harmlessly).</summary>
    private bool[] ReachableFrom(int from)
    {
        if (Volatile.Read(ref _reach[from]) is { } known)
        {
            return known;
        }

        var row = new bool[Activities.Count];
        var stack = new Stack<int>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            foreach (var edge in Activities[stack.Pop()].Outgoing)
            {
                if (!row[edge.Target])
                {
                    row[edge.Target] = true;
                    stack.Push(edge.Target);
                }
            }
        }

        Volatile.Write(ref _reach[from], row);
        return row;
    }
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
