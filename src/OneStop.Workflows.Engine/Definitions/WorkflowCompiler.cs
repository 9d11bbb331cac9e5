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
/// <see cref="CompiledWorkflow"/>. Every error is returned at once, each with its JSON path. The work is linear in
/// activities + connections (each is visited a fixed number of times; see <see cref="FlowchartGraph"/>), and the
/// cancellation token is checked on every activity and connection.
/// </summary>
public static class WorkflowCompiler
{
    private static readonly HashSet<string> SupportedExpressions = new(StringComparer.Ordinal) { "Literal", "Object" };

    /// <summary>Reads and compiles JSON in one go (errors of both stages together); <paramref name="limits"/> caps the size (none by default).</summary>
    public static CompileResult Compile(string json, ActivityCatalogue catalogue, DefinitionIdentity identity, DefinitionLimits? limits = null, CancellationToken ct = default)
    {
        var read = DefinitionReader.Read(json, limits, ct);
        if (read.Document is null)
        {
            return new(null, read.Errors);
        }

        var compiled = Compile(read.Document, catalogue, identity, read.RootPath, ct);
        return read.Errors.Count == 0 ? compiled : new(null, read.Errors.Concat(compiled.Errors).ToList());
    }

    public static CompileResult Compile(WorkflowDocument document, ActivityCatalogue catalogue, DefinitionIdentity identity, string rootPath = "$.root", CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        var nodes = document.Root.Activities;
        var byId = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        var compiled = new List<CompiledActivity?>(nodes.Count);
        var ports = new List<IReadOnlySet<string>>(nodes.Count);

        foreach (var node in nodes)
        {
            ct.ThrowIfCancellationRequested();
            var path = JsonPaths.Activity(rootPath, node.Index);
            var activity = CompileActivity(node, path, catalogue, errors, out var outputPorts);
            if (node.Id is not null && !byId.TryAdd(node.Id, compiled.Count))
            {
                errors.Add(new(path + ".id", "activity.id.duplicate", $"活动 id“{node.Id}”重复使用（首次出现在第 {nodes[byId[node.Id]].Index} 项）。 Activity id '{node.Id}' is used more than once (first at index {nodes[byId[node.Id]].Index})."));
                activity = null;
            }

            compiled.Add(activity);
            ports.Add(outputPorts);
        }

        for (var i = 0; i < compiled.Count; i++)
        {
            compiled[i] = compiled[i] is { } a ? new CompiledActivity(i, a.Id, a.Name, a.Behaviour, a.Inputs) : null;
        }

        var graph = FlowchartGraph.Build(document.Root.Connections, rootPath, byId, compiled, ports, errors, ct);
        var start = graph.FindStart(nodes, compiled, rootPath, errors);
        if (start is { } startIndex)
        {
            graph.CheckReachability(startIndex, nodes, compiled, rootPath, errors, ct);
        }

        if (errors.Count > 0 || start is null)
        {
            return new(null, errors);
        }

        var activities = compiled.Select(a => a!).ToList();
        foreach (var activity in activities)
        {
            activity.Outgoing = graph.Outgoing[activity.Index];
            activity.Incoming = graph.Incoming[activity.Index].Select(e => e.ConnectionIndex).ToList();
        }

        return new(new CompiledWorkflow(identity, activities, start.Value), errors);
    }

    private static CompiledActivity? CompileActivity(ActivityNode node, string path, ActivityCatalogue catalogue, List<ValidationError> errors, out IReadOnlySet<string> outputPorts)
    {
        outputPorts = new HashSet<string>();
        var ok = true;
        if (string.IsNullOrWhiteSpace(node.Id))
        {
            errors.Add(new(path + ".id", "activity.id.missing", "每个活动都需要“id”。 Every activity needs an 'id'."));
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(node.NodeId))
        {
            errors.Add(new(path + ".nodeId", "activity.nodeId.missing", "每个活动都需要“nodeId”（例如“<根 nodeId>:<id>”）。 Every activity needs a 'nodeId' (e.g. '<root nodeId>:<id>')."));
            ok = false;
        }

        foreach (var input in node.Inputs.Values.Where(i => i.ExpressionType is not null && !SupportedExpressions.Contains(i.ExpressionType)))
        {
            errors.Add(new($"{path}.{input.PropertyName}.expression.type", "input.expression.unsupported",
                $"不支持表达式类型“{input.ExpressionType}”，请使用 Literal 或 Object。 Expression type '{input.ExpressionType}' is not supported; use Literal or Object."));
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
                errors.Add(new(valuePath, "input.value.invalid", $"输入项“{descriptor.Name}”的值无效。 Input '{descriptor.Name}': {problem}"));
                ok = false;
            }
            else if (behaviour.Descriptor.HasDynamicPorts && descriptor.Type == InputType.StringArray)
            {
                ok &= ForkBranches.Check(node.Id, value as string[], valuePath, errors);
            }
            else if (descriptor.IsRequired && value is null or string[] { Length: 0 })
            {
                errors.Add(new(valuePath, "input.required", $"输入项“{descriptor.Name}”需要填写。 Input '{descriptor.Name}' needs a value."));
                ok = false;
            }

            inputs[descriptor.Name] = value;
        }

        outputPorts = behaviour.Descriptor.HasDynamicPorts
            ? new HashSet<string>(inputs.Values.OfType<string[]>().FirstOrDefault() ?? [], StringComparer.Ordinal)
            : behaviour.Descriptor.Ports.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return ok ? new CompiledActivity(-1, node.Id!, node.Name, behaviour, inputs) : null;
    }

    private static IActivity? ResolveType(ActivityNode node, string path, ActivityCatalogue catalogue, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(node.Type))
        {
            errors.Add(new(path + ".type", "activity.type.missing", "每个活动都需要“type”。 Every activity needs a 'type'."));
            return null;
        }

        var behaviour = catalogue.Find(node.Type, node.Version);
        if (behaviour is null)
        {
            errors.Add(catalogue.KnowsType(node.Type)
                ? new(path + ".version", "activity.version.unknown", $"活动类型“{node.Type}”没有第 {node.Version} 版。 Activity type '{node.Type}' has no version {node.Version}.")
                : new(path + ".type", "activity.type.unknown", $"未知的活动类型“{node.Type}”。 Unknown activity type '{node.Type}'."));
            return null;
        }

        if (behaviour.Descriptor.IsContainer)
        {
            errors.Add(new(path + ".type", "activity.type.unsupported", $"“{node.Type}”只能作为根活动，不支持嵌套容器。 '{node.Type}' may only be the root; nested containers are not supported."));
            return null;
        }

        return behaviour;
    }
}
