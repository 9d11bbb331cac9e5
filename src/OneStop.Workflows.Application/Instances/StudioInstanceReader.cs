using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// Issue 11: reads one instance for the Studio's viewer — its row and open bookmarks (the instance store), its case (number and id, by the
/// unique index on <c>cases.instance_id</c>), the node ids of the exact definition version it runs (by primary key) and its journal (by the
/// journal's primary key, at most <see cref="MaxJournal"/> entries) — and makes the activity executions Elsa shows from the journal.
/// One instance at a time: nothing here reads more than that instance's rows.
/// </summary>
internal sealed class StudioInstanceReader(IWorkflowInstanceStore store, OneStopDbContext db)
{
    /// <summary>The most journal entries read for one instance (a case's instance writes a few dozen).</summary>
    public const int MaxJournal = 10_000;

    /// <summary>The type Elsa gives workflow-level journal entries (the Studio leaves them out of its journal).</summary>
    public const string WorkflowType = "Elsa.Workflow";

    /// <summary>An instance as read: the snapshot, its case, the definition's nodes, the journal records and the executions.</summary>
    public sealed record View(
        InstanceSnapshot Snapshot,
        StudioInstanceSummary Summary,
        IReadOnlyList<StudioJournalRecord> Journal,
        IReadOnlyList<StudioActivityExecution> Executions,
        IReadOnlyDictionary<string, StudioActivityExecution> ById,
        IReadOnlyList<StudioBookmark> Bookmarks,
        IReadOnlyList<StudioIncident> Incidents);

    private sealed record Node(string Id, string NodeId, string? Name, string Type, int Version);

    /// <summary>The instance, or null when there is none with that id.</summary>
    public async Task<View?> ReadAsync(string instanceId, CancellationToken ct)
    {
        if (!WorkflowInstanceId.TryParse(instanceId, out var id) || await store.LoadAsync(id, ct) is not { } snapshot)
        {
            return null;
        }

        var i = snapshot.Instance;
        var @case = await db.Cases.AsNoTracking().Where(c => c.InstanceId == id).Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(ct);
        var json = await db.Definitions.AsNoTracking().Where(d => d.Id == i.DefinitionVersionId).Select(d => d.Json).FirstOrDefaultAsync(ct);
        var (root, nodes) = Nodes(json, i.DefinitionId);
        var journal = await store.ReadJournalAsync(id, 0, MaxJournal, ct);

        var summary = ListStudioInstances.Summary(i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.State.Status, @case?.Id.ToString(), @case?.Number,
            i.State.Incidents.Count, i.CreatedAt, i.UpdatedAt);
        var (records, executions, byId) = Executions(i.Id.ToString(), journal, root, nodes, snapshot.OpenBookmarks);
        var open = executions.Where(e => e.CompletedAt is null).GroupBy(e => e.ActivityId).ToDictionary(g => g.Key, g => g.Last().Id, StringComparer.Ordinal);
        var bookmarks = snapshot.OpenBookmarks.Select(b => new StudioBookmark(b.Id.ToString(), b.Name, NodeOf(b.ActivityId, b.ActivityType, root, nodes).NodeId,
            open.GetValueOrDefault(b.ActivityId, ""), StudioStatuses.Text(b.CreatedAt))).ToList();
        var incidents = i.State.Incidents.Select(x =>
        {
            var node = x.ActivityId is { } a ? NodeOf(a, x.ActivityType ?? "", root, nodes) : root;
            return new StudioIncident(node.Id, node.NodeId, x.ActivityType ?? node.Type, x.Message, StudioStatuses.Text(x.At));
        }).ToList();
        return new View(snapshot, summary, records, executions, byId, bookmarks, incidents);
    }

    /// <summary>The instance id of an execution id (<c>{instanceId}:{sequence}</c>), or null when it is not one.</summary>
    public static string? InstanceOf(string executionId)
    {
        var colon = executionId.LastIndexOf(':');
        return colon > 0 && long.TryParse(executionId.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            && WorkflowInstanceId.TryParse(executionId[..colon], out _)
            ? executionId[..colon]
            : null;
    }

    private static (IReadOnlyList<StudioJournalRecord>, IReadOnlyList<StudioActivityExecution>, IReadOnlyDictionary<string, StudioActivityExecution>) Executions(
        string instanceId, IReadOnlyList<JournalEntry> journal, Node root, IReadOnlyDictionary<string, Node> nodes, IReadOnlyList<Bookmark> openBookmarks)
    {
        var records = new List<StudioJournalRecord>(journal.Count);
        var executions = new List<Builder>();
        var strays = new List<Builder>();
        var open = new Dictionary<string, Builder>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            var node = e.ActivityId is { } a ? NodeOf(a, e.ActivityType ?? "", root, nodes) : root with { Type = WorkflowType };
            Builder owner;
            if (e.ActivityId is null)
            {
                owner = new Builder(Id(instanceId, e.Sequence), node, e);
                strays.Add(owner);
            }
            else if (e.Event == JournalEvents.Started)
            {
                owner = new Builder(Id(instanceId, e.Sequence), node, e);
                open[e.ActivityId] = owner;
                executions.Add(owner);
            }
            else if (open.TryGetValue(e.ActivityId, out var running))
            {
                owner = running;
            }
            else
            {
                // An entry outside an execution (a pending branch cancelled before it started): its own record, shown only when asked by id.
                owner = new Builder(Id(instanceId, e.Sequence), node, e);
                strays.Add(owner);
            }

            owner.Add(e);
            if (owner.IsOver && e.ActivityId is { } done && open.TryGetValue(done, out var current) && current == owner)
            {
                open.Remove(done);
            }

            records.Add(new StudioJournalRecord($"{instanceId}:j{e.Sequence}", owner.Id, node.Id, node.Type, node.Version, node.Name, node.NodeId,
                StudioStatuses.Text(e.At), e.Sequence, EventName(e.Event), e.Message, e.Outcomes));
        }

        var blocked = openBookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var built = executions.Select(b => b.Build(instanceId, blocked)).ToList();
        var byId = built.Concat(strays.Select(b => b.Build(instanceId, blocked))).ToDictionary(x => x.Id, StringComparer.Ordinal);
        return (records, built, byId);
    }

    private static string Id(string instanceId, long sequence) => $"{instanceId}:{sequence}";

    /// <summary>Our journal's event names as Elsa's: the workflow-level ones are Elsa's Started / Completed / Faulted of the workflow.</summary>
    private static string EventName(string ours) => ours switch
    {
        JournalEvents.WorkflowStarted => JournalEvents.Started,
        JournalEvents.WorkflowFinished => JournalEvents.Completed,
        JournalEvents.WorkflowFaulted => JournalEvents.Faulted,
        _ => ours,
    };

    private static Node NodeOf(string activityId, string type, Node root, IReadOnlyDictionary<string, Node> nodes) =>
        nodes.TryGetValue(activityId, out var node) ? node : new Node(activityId, $"{root.NodeId}:{activityId}", null, type, 1);

    /// <summary>The flowchart and its activities (id → node id, name, type, version) from the definition version's JSON.</summary>
    private static (Node Root, IReadOnlyDictionary<string, Node> Nodes) Nodes(string? json, string definitionId)
    {
        var model = json is null ? null : JsonNode.Parse(json) as JsonObject;
        var rootJson = model?["root"] as JsonObject;
        var rootId = Text(rootJson, "id") ?? "root";
        var root = new Node(rootId, Text(rootJson, "nodeId") ?? $"{definitionId}:{rootId}", Text(rootJson, "name"), Text(rootJson, "type") ?? "Elsa.Flowchart", 1);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var activity in (rootJson?["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(activity, "id") is { } id)
            {
                var version = activity["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
                nodes[id] = new Node(id, Text(activity, "nodeId") ?? $"{root.NodeId}:{id}", Text(activity, "name"), Text(activity, "type") ?? "", version);
            }
        }

        return (root, nodes);
    }

    private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>An execution being collected from its journal entries.</summary>
    private sealed class Builder(string id, Node node, JournalEntry start)
    {
        private readonly Instant _startedAt = start.At;
        private JournalEntry? _end;
        private JournalEntry _last = start;

        public string Id { get; } = id;

        public bool IsOver => _end is not null;

        public void Add(JournalEntry e)
        {
            _last = e;
            if (e.Event is JournalEvents.Completed or JournalEvents.Faulted or JournalEvents.Cancelled
                or JournalEvents.WorkflowFinished or JournalEvents.WorkflowFaulted)
            {
                _end = e;
            }
        }

        public StudioActivityExecution Build(string instanceId, IReadOnlySet<string> blocked)
        {
            var status = _end?.Event switch
            {
                JournalEvents.Completed or JournalEvents.WorkflowFinished => StudioActivityStatus.Completed,
                JournalEvents.Faulted or JournalEvents.WorkflowFaulted => StudioActivityStatus.Faulted,
                JournalEvents.Cancelled => StudioActivityStatus.Canceled,
                _ => StudioActivityStatus.Running,
            };
            var waiting = _end is null && _last.Event == JournalEvents.Suspended && blocked.Contains(node.Id);
            return new StudioActivityExecution(Id, instanceId, node.Id, node.NodeId, node.Type, node.Version, node.Name, StudioStatuses.Text(_startedAt),
                _end is null ? null : StudioStatuses.Text(_end.At), waiting, status, _end?.Outcomes, _end?.Message ?? (waiting ? null : _last.Message));
        }
    }
}
