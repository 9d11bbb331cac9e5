using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// The connections of a flowchart as edges with per-activity adjacency lists, built in one pass, so that finding the
/// start and checking reachability visit every activity and connection a fixed number of times (linear, not a scan of
/// all connections per activity).
/// </summary>
internal sealed class FlowchartGraph
{
    private const int PortsListed = 10;

    private FlowchartGraph(List<Edge>[] outgoing, List<Edge>[] incoming)
    {
        Outgoing = outgoing;
        Incoming = incoming;
    }

    /// <summary>Edges leaving each activity, in connection order.</summary>
    public IReadOnlyList<Edge>[] Outgoing { get; }

    /// <summary>Edges entering each activity, in connection order.</summary>
    public IReadOnlyList<Edge>[] Incoming { get; }

    public static FlowchartGraph Build(IReadOnlyList<ConnectionNode> connections, string rootPath, Dictionary<string, int> byId,
        List<CompiledActivity?> compiled, List<IReadOnlySet<string>> ports, List<ValidationError> errors, CancellationToken ct)
    {
        var outgoing = new List<Edge>[compiled.Count];
        var incoming = new List<Edge>[compiled.Count];
        for (var i = 0; i < compiled.Count; i++)
        {
            outgoing[i] = [];
            incoming[i] = [];
        }

        foreach (var c in connections)
        {
            ct.ThrowIfCancellationRequested();
            var path = JsonPaths.Connection(rootPath, c.Index);
            var source = Endpoint(c.SourceActivity, path + ".source.activity", "connection.source.missing", byId, errors);
            var target = Endpoint(c.TargetActivity, path + ".target.activity", "connection.target.missing", byId, errors);
            if (source is { } s && compiled[s] is not null && !ports[s].Contains(c.SourcePort))
            {
                errors.Add(new(path + ".source.port", "connection.port.unknown",
                    $"活动“{Shown.Name(c.SourceActivity)}”没有输出端口“{Shown.Name(c.SourcePort)}”（端口：{Listed(ports[s])}）。 Activity '{Shown.Name(c.SourceActivity)}' has no output port '{Shown.Name(c.SourcePort)}' (ports: {Listed(ports[s])})."));
                continue;
            }

            if (c.TargetPort != Ports.In)
            {
                errors.Add(new(path + ".target.port", "connection.port.unknown", $"连线必须从“In”端口进入活动，而不是“{c.TargetPort}”。 A connection must enter an activity on port 'In', not '{c.TargetPort}'."));
                continue;
            }

            if (source is null || target is null)
            {
                continue;
            }

            if (source == target)
            {
                errors.Add(new(path + ".target.activity", "connection.self",
                    $"连线从活动“{Shown.Name(c.SourceActivity)}”又回到它自身；连线必须通向另一个活动。 The connection leads from activity '{Shown.Name(c.SourceActivity)}' back into itself; a connection must lead to another activity."));
                continue;
            }

            var edge = new Edge(c.Index, c.SourcePort, source.Value, target.Value);
            outgoing[edge.Source].Add(edge);
            incoming[edge.Target].Add(edge);
        }

        return new(outgoing, incoming);
    }

    public int? FindStart(IReadOnlyList<ActivityNode> nodes, List<CompiledActivity?> compiled, string rootPath, List<ValidationError> errors)
    {
        var explicitStarts = compiled.Where(a => a?.Behaviour.Descriptor.IsStart == true).Select(a => a!.Index).ToList();
        if (explicitStarts.Count > 1)
        {
            errors.AddRange(explicitStarts.Skip(1).Select(i => new ValidationError(JsonPaths.Activity(rootPath, nodes[i].Index), "flowchart.start.multiple", "一个流程图只能有一个开始（Start）活动。 A flowchart has exactly one Start activity.")));
            return null;
        }

        if (explicitStarts.Count == 1)
        {
            return explicitStarts[0];
        }

        var roots = compiled.Where(a => a is not null && Incoming[a.Index].Count == 0).Select(a => a!.Index).ToList();
        if (roots.Count == 1 && compiled.All(a => a is not null))
        {
            return roots[0];
        }

        errors.Add(new(rootPath + ".activities", "flowchart.start.missing", "流程图没有开始：请添加 Elsa.Start 活动。 The flowchart has no start: add an Elsa.Start activity."));
        return null;
    }

    public void CheckReachability(int start, IReadOnlyList<ActivityNode> nodes, List<CompiledActivity?> compiled, string rootPath, List<ValidationError> errors, CancellationToken ct)
    {
        var reached = Reach(start, ct);
        for (var i = 0; i < compiled.Count; i++)
        {
            var path = JsonPaths.Activity(rootPath, nodes[i].Index);
            if (compiled[i]?.IsJoin == true && Incoming[i].Count == 0)
            {
                errors.Add(new(path, "join.unfed", $"汇合“{compiled[i]!.Id}”没有进入的连线。 Join '{compiled[i]!.Id}' has no inbound connection."));
            }
            else if (!reached[i])
            {
                errors.Add(new(path, "activity.unreachable", $"从开始无法到达活动“{nodes[i].Id}”。 Activity '{nodes[i].Id}' cannot be reached from the start."));
            }
        }
    }

    /// <summary>Every activity reachable from <paramref name="from"/> (itself included): one depth-first walk, each edge once.</summary>
    private bool[] Reach(int from, CancellationToken ct)
    {
        var seen = new bool[Outgoing.Length];
        var stack = new Stack<int>();
        stack.Push(from);
        seen[from] = true;
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var edge in Outgoing[stack.Pop()])
            {
                if (!seen[edge.Target])
                {
                    seen[edge.Target] = true;
                    stack.Push(edge.Target);
                }
            }
        }

        return seen;
    }

    private static int? Endpoint(string? activityId, string path, string code, Dictionary<string, int> byId, List<ValidationError> errors)
    {
        if (activityId is not null && byId.TryGetValue(activityId, out var index))
        {
            return index;
        }

        errors.Add(new(path, code, activityId is null ? "连线没有指明活动。 The connection does not name an activity." : $"没有 id 为“{activityId}”的活动。 No activity has id '{activityId}'."));
        return null;
    }

    private static string Listed(IReadOnlySet<string> ports) => ports.Count switch
    {
        0 => "none",
        <= PortsListed => string.Join(", ", ports.Select(Shown.Name)),
        _ => string.Join(", ", ports.Take(PortsListed).Select(Shown.Name)) + $" and {ports.Count - PortsListed} more",
    };
}
