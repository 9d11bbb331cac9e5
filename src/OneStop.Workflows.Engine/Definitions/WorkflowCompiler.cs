using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>The result of compiling a document: the executable workflow, or every error found.</summary>
public sealed record CompileResult(CompiledWorkflow? Workflow, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Workflow is not null && Errors.Count == 0;
}

/// <summary>
/// Validates a <see cref="WorkflowDocument"/> against the <see cref="ActivityCatalogue"/> and builds a
/// <see cref="CompiledWorkflow"/>. Every error is returned at once, each with its JSON path.
/// </summary>
public static class WorkflowCompiler
{
    private static readonly HashSet<string> SupportedExpressions = new(StringComparer.Ordinal) { "Literal", "Object" };

    /// <summary>Reads and compiles JSON in one go (errors of both stages together).</summary>
    public static CompileResult Compile(string json, ActivityCatalogue catalogue, DefinitionIdentity identity)
    {
        var read = DefinitionReader.Read(json);
        if (read.Document is null)
        {
            return new(null, read.Errors);
        }

        var compiled = Compile(read.Document, catalogue, identity, read.RootPath);
        return read.Errors.Count == 0 ? compiled : new(null, read.Errors.Concat(compiled.Errors).ToList());
    }

    public static CompileResult Compile(WorkflowDocument document, ActivityCatalogue catalogue, DefinitionIdentity identity, string rootPath = "$.root")
    {
        var errors = new List<ValidationError>();
        var nodes = document.Root.Activities;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var compiled = new List<CompiledActivity?>(nodes.Count);
        var ports = new List<IReadOnlyCollection<string>>(nodes.Count);

        foreach (var node in nodes)
        {
            var path = JsonPaths.Activity(rootPath, node.Index);
            var activity = CompileActivity(node, path, catalogue, errors, out var outputPorts);
            if (node.Id is not null && !byId.TryAdd(node.Id, compiled.Count))
            {
                errors.Add(new(path + ".id", "activity.id.duplicate", $"Activity id '{node.Id}' is used more than once (first at index {nodes[byId[node.Id]].Index})."));
                activity = null;
            }

            compiled.Add(activity);
            ports.Add(outputPorts);
        }

        var edges = CompileConnections(document.Root.Connections, rootPath, byId, compiled, ports, errors);
        var start = FindStart(nodes, compiled, edges, rootPath, errors);
        if (start is { } startIndex)
        {
            CheckReachability(startIndex, nodes, compiled, edges, rootPath, errors);
        }

        if (errors.Count > 0 || start is null)
        {
            return new(null, errors);
        }

        var activities = compiled.Select(a => a!).ToList();
        foreach (var activity in activities)
        {
            activity.Outgoing = edges.Where(e => e.Source == activity.Index).ToList();
            activity.Incoming = edges.Where(e => e.Target == activity.Index).Select(e => e.ConnectionIndex).ToList();
        }

        return new(new CompiledWorkflow(identity, activities, start.Value, Reachability(activities.Count, edges)), errors);
    }

    private static CompiledActivity? CompileActivity(ActivityNode node, string path, ActivityCatalogue catalogue, List<ValidationError> errors, out IReadOnlyCollection<string> outputPorts)
    {
        outputPorts = [];
        var ok = true;
        if (string.IsNullOrWhiteSpace(node.Id))
        {
            errors.Add(new(path + ".id", "activity.id.missing", "Every activity needs an 'id'."));
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(node.NodeId))
        {
            errors.Add(new(path + ".nodeId", "activity.nodeId.missing", "Every activity needs a 'nodeId' (e.g. '<root nodeId>:<id>')."));
            ok = false;
        }

        foreach (var input in node.Inputs.Values.Where(i => i.ExpressionType is not null && !SupportedExpressions.Contains(i.ExpressionType)))
        {
            errors.Add(new($"{path}.{input.PropertyName}.expression.type", "input.expression.unsupported",
                $"Expression type '{input.ExpressionType}' is not supported; use Literal or Object."));
            ok = false;
        }

        var behaviour = ResolveType(node, path, catalogue, errors);
        if (behaviour is null)
        {
            return null;
        }

        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var descriptor in behaviour.Descriptor.Inputs)
        {
            node.Inputs.TryGetValue(descriptor.PropertyName, out var wrapped);
            var valuePath = $"{path}.{descriptor.PropertyName}.expression.value";
            if (!InputConverter.TryConvert(descriptor, wrapped?.Value, out var value, out var problem))
            {
                errors.Add(new(valuePath, "input.value.invalid", $"Input '{descriptor.Name}': {problem}"));
                ok = false;
            }
            else if (descriptor.IsRequired && value is null or string[] { Length: 0 })
            {
                errors.Add(new(valuePath, "input.required", $"Input '{descriptor.Name}' needs a value."));
                ok = false;
            }

            inputs[descriptor.Name] = value;
        }

        outputPorts = behaviour.Descriptor.HasDynamicPorts
            ? (inputs.Values.OfType<string[]>().FirstOrDefault() ?? [])
            : behaviour.Descriptor.Ports.Select(p => p.Name).ToArray();
        return ok ? new CompiledActivity(-1, node.Id!, node.Name, behaviour, inputs) : null;
    }

    private static IActivity? ResolveType(ActivityNode node, string path, ActivityCatalogue catalogue, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(node.Type))
        {
            errors.Add(new(path + ".type", "activity.type.missing", "Every activity needs a 'type'."));
            return null;
        }

        var behaviour = catalogue.Find(node.Type, node.Version);
        if (behaviour is null)
        {
            errors.Add(catalogue.KnowsType(node.Type)
                ? new(path + ".version", "activity.version.unknown", $"Activity type '{node.Type}' has no version {node.Version}.")
                : new(path + ".type", "activity.type.unknown", $"Unknown activity type '{node.Type}'."));
            return null;
        }

        if (behaviour.Descriptor.IsContainer)
        {
            errors.Add(new(path + ".type", "activity.type.unsupported", $"'{node.Type}' may only be the root; nested containers are not supported."));
            return null;
        }

        return behaviour;
    }

    private static List<Edge> CompileConnections(IReadOnlyList<ConnectionNode> connections, string rootPath, Dictionary<string, int> byId,
        List<CompiledActivity?> compiled, List<IReadOnlyCollection<string>> ports, List<ValidationError> errors)
    {
        var edges = new List<Edge>();
        foreach (var c in connections)
        {
            var path = JsonPaths.Connection(rootPath, c.Index);
            var source = Endpoint(c.SourceActivity, path + ".source.activity", "connection.source.missing", byId, errors);
            var target = Endpoint(c.TargetActivity, path + ".target.activity", "connection.target.missing", byId, errors);
            if (source is { } s && compiled[s] is not null && !ports[s].Contains(c.SourcePort))
            {
                errors.Add(new(path + ".source.port", "connection.port.unknown",
                    $"Activity '{c.SourceActivity}' has no output port '{c.SourcePort}' (ports: {string.Join(", ", ports[s].DefaultIfEmpty("none"))})."));
                continue;
            }

            if (c.TargetPort != Ports.In)
            {
                errors.Add(new(path + ".target.port", "connection.port.unknown", $"A connection must enter an activity on port 'In', not '{c.TargetPort}'."));
                continue;
            }

            if (source is not null && target is not null)
            {
                edges.Add(new Edge(c.Index, c.SourcePort, source.Value, target.Value));
            }
        }

        for (var i = 0; i < compiled.Count; i++)
        {
            compiled[i] = compiled[i] is { } a ? new CompiledActivity(i, a.Id, a.Name, a.Behaviour, a.Inputs) : null;
        }

        return edges;
    }

    private static int? Endpoint(string? activityId, string path, string code, Dictionary<string, int> byId, List<ValidationError> errors)
    {
        if (activityId is not null && byId.TryGetValue(activityId, out var index))
        {
            return index;
        }

        errors.Add(new(path, code, activityId is null ? "The connection does not name an activity." : $"No activity has id '{activityId}'."));
        return null;
    }

    private static int? FindStart(IReadOnlyList<ActivityNode> nodes, List<CompiledActivity?> compiled, List<Edge> edges, string rootPath, List<ValidationError> errors)
    {
        var explicitStarts = compiled.Where(a => a?.Behaviour.Descriptor.IsStart == true).Select(a => a!.Index).ToList();
        if (explicitStarts.Count > 1)
        {
            errors.AddRange(explicitStarts.Skip(1).Select(i => new ValidationError(JsonPaths.Activity(rootPath, nodes[i].Index), "flowchart.start.multiple", "A flowchart has exactly one Start activity.")));
            return null;
        }

        if (explicitStarts.Count == 1)
        {
            return explicitStarts[0];
        }

        var roots = compiled.Where(a => a is not null && edges.All(e => e.Target != a.Index)).Select(a => a!.Index).ToList();
        if (roots.Count == 1 && compiled.All(a => a is not null))
        {
            return roots[0];
        }

        errors.Add(new(rootPath + ".activities", "flowchart.start.missing", "The flowchart has no start: add an Elsa.Start activity."));
        return null;
    }

    private static void CheckReachability(int start, IReadOnlyList<ActivityNode> nodes, List<CompiledActivity?> compiled, List<Edge> edges, string rootPath, List<ValidationError> errors)
    {
        var reached = Reach(start, compiled.Count, edges);
        for (var i = 0; i < compiled.Count; i++)
        {
            var path = JsonPaths.Activity(rootPath, nodes[i].Index);
            if (compiled[i]?.IsJoin == true && edges.All(e => e.Target != i))
            {
                errors.Add(new(path, "join.unfed", $"Join '{compiled[i]!.Id}' has no inbound connection."));
            }
            else if (!reached[i])
            {
                errors.Add(new(path, "activity.unreachable", $"Activity '{nodes[i].Id}' cannot be reached from the start."));
            }
        }
    }

    private static bool[][] Reachability(int count, List<Edge> edges)
    {
        var table = new bool[count][];
        for (var i = 0; i < count; i++)
        {
            table[i] = new bool[count];
            foreach (var edge in edges.Where(e => e.Source == i))
            {
                var fromTarget = Reach(edge.Target, count, edges);
                for (var j = 0; j < count; j++)
                {
                    table[i][j] |= fromTarget[j];
                }
            }
        }

        return table;
    }

    private static bool[] Reach(int from, int count, List<Edge> edges)
    {
        var seen = new bool[count];
        var stack = new Stack<int>();
        stack.Push(from);
        seen[from] = true;
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            foreach (var edge in edges.Where(e => e.Source == current && !seen[e.Target]))
            {
                seen[edge.Target] = true;
                stack.Push(edge.Target);
            }
        }

        return seen;
    }
}
