using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Instances;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Instances in the shapes the Studio's viewer deserialises (Elsa 3.8's <c>WorkflowInstanceSummary</c>, <c>WorkflowInstance</c> with its
/// <c>WorkflowState</c>, <c>WorkflowExecutionLogRecord</c>, <c>ActivityExecutionRecord</c> and its summary, <c>ActivityExecutionStats</c>):
/// camelCase, enums as their names, instants as ISO 8601 UTC, never a null collection or object the Studio iterates.
/// </summary>
public static class StudioInstanceShapes
{
    /// <summary>A row of the list.</summary>
    public static JsonObject Summary(StudioInstanceSummary s) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["definitionVersionId"] = s.DefinitionVersionId,
        ["version"] = s.Version,
        ["status"] = s.Status.ToString(),
        ["subStatus"] = s.SubStatus.ToString(),
        ["correlationId"] = s.CorrelationId,
        ["name"] = s.Name,
        ["incidentCount"] = s.IncidentCount,
        ["createdAt"] = s.CreatedAt,
        ["updatedAt"] = s.UpdatedAt,
        ["finishedAt"] = s.FinishedAt,
    };

    /// <summary>The paged list: <c>{items, totalCount}</c>.</summary>
    public static JsonObject List(Application.Page<StudioInstanceSummary> page) => new()
    {
        ["items"] = new JsonArray([.. page.Items.Select(s => (JsonNode)Summary(s))]),
        ["totalCount"] = page.TotalCount,
    };

    /// <summary>One instance with its <c>workflowState</c> (bookmarks and incidents; the collections Elsa keeps that we do not, empty).</summary>
    public static JsonObject Instance(StudioInstance instance)
    {
        var s = instance.Summary;
        var body = Summary(s);
        body["workflowState"] = new JsonObject
        {
            ["id"] = s.Id,
            ["definitionId"] = s.DefinitionId,
            ["definitionVersionId"] = s.DefinitionVersionId,
            ["definitionVersion"] = s.Version,
            ["correlationId"] = s.CorrelationId,
            ["status"] = s.Status.ToString(),
            ["subStatus"] = s.SubStatus.ToString(),
            ["bookmarks"] = new JsonArray([.. instance.Bookmarks.Select(b => (JsonNode)new JsonObject
            {
                ["id"] = b.Id,
                ["name"] = b.Name,
                ["hash"] = "",
                ["payload"] = new JsonObject(),
                ["activityNodeId"] = b.ActivityNodeId,
                ["activityInstanceId"] = b.ActivityInstanceId,
                ["createdAt"] = b.CreatedAt,
                ["autoBurn"] = true,
                ["metadata"] = new JsonObject(),
            })]),
            ["incidents"] = new JsonArray([.. instance.Incidents.Select(i => (JsonNode)new JsonObject
            {
                ["activityId"] = i.ActivityId,
                ["activityNodeId"] = i.ActivityNodeId,
                ["activityType"] = i.ActivityType,
                ["message"] = i.Message,
                ["exception"] = null,
                ["timestamp"] = i.Timestamp,
            })]),
            ["fault"] = null,
            ["completionCallbacks"] = new JsonArray(),
            ["activityExecutionContexts"] = new JsonArray(),
            ["input"] = new JsonObject(),
            ["output"] = new JsonObject(),
            ["properties"] = new JsonObject(),
            ["createdAt"] = s.CreatedAt,
            ["updatedAt"] = s.UpdatedAt,
            ["finishedAt"] = s.FinishedAt,
        };
        return body;
    }

    /// <summary>What the Studio polls.</summary>
    public static JsonObject ExecutionState(StudioExecutionState state) => new()
    {
        ["status"] = state.Status.ToString(),
        ["workflowSubStatus"] = state.SubStatus.ToString(),
        ["updatedAt"] = state.UpdatedAt,
    };

    /// <summary>A page of the journal: <c>{items, totalCount}</c>.</summary>
    public static JsonObject Journal(GetStudioJournal.Response page) => new()
    {
        ["items"] = new JsonArray([.. page.Items.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["activityInstanceId"] = r.ActivityInstanceId,
            ["parentActivityInstanceId"] = null,
            ["activityId"] = r.ActivityId,
            ["activityType"] = r.ActivityType,
            ["activityTypeVersion"] = r.ActivityTypeVersion,
            ["activityName"] = r.ActivityName,
            ["nodeId"] = r.NodeId,
            ["timestamp"] = r.Timestamp,
            ["sequence"] = r.Sequence,
            ["eventName"] = r.EventName,
            ["message"] = r.Message,
            ["source"] = null,
            ["activityState"] = new JsonObject(),
            ["payload"] = Payload(r.Outcomes, null),
        })]),
        ["totalCount"] = page.TotalCount,
    };

    /// <summary>A list response: <c>{items, count}</c>.</summary>
    public static JsonObject Items(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject { ["items"] = array, ["count"] = array.Count };
    }

    /// <summary>A full activity execution record.</summary>
    public static JsonObject Execution(StudioActivityExecution e)
    {
        var body = ExecutionSummary(e);
        body["activityState"] = new JsonObject();
        body["payload"] = Payload(e.Outcomes, e.Message);
        body["outputs"] = new JsonObject();
        body["properties"] = new JsonObject();
        body["exception"] = e.Status == StudioActivityStatus.Faulted && e.Message is { } reason
            ? new JsonObject { ["type"] = "ActivityFault", ["message"] = reason, ["stackTrace"] = null, ["innerException"] = null }
            : null;
        body["aggregateFaultCount"] = e.Status == StudioActivityStatus.Faulted ? 1 : 0;
        body["schedulingActivityExecutionId"] = null;
        body["schedulingActivityId"] = null;
        body["schedulingWorkflowInstanceId"] = null;
        body["callStackDepth"] = 0;
        return body;
    }

    /// <summary>An activity execution's summary.</summary>
    public static JsonObject ExecutionSummary(StudioActivityExecution e) => new()
    {
        ["id"] = e.Id,
        ["workflowInstanceId"] = e.WorkflowInstanceId,
        ["activityId"] = e.ActivityId,
        ["activityNodeId"] = e.ActivityNodeId,
        ["activityType"] = e.ActivityType,
        ["activityTypeVersion"] = e.ActivityTypeVersion,
        ["activityName"] = e.ActivityName,
        ["startedAt"] = e.StartedAt,
        ["hasBookmarks"] = e.HasBookmarks,
        ["metadata"] = new JsonObject(),
        ["status"] = e.Status.ToString(),
        ["completedAt"] = e.CompletedAt,
    };

    /// <summary>The report: <c>{stats:[…]}</c>.</summary>
    public static JsonObject Report(IReadOnlyList<StudioActivityStats> stats) => new()
    {
        ["stats"] = new JsonArray([.. stats.Select(s => (JsonNode)new JsonObject
        {
            ["activityId"] = s.ActivityId,
            ["activityNodeId"] = s.ActivityNodeId,
            ["startedCount"] = s.StartedCount,
            ["completedCount"] = s.CompletedCount,
            ["uncompletedCount"] = s.UncompletedCount,
            ["isBlocked"] = s.IsBlocked,
            ["isFaulted"] = s.IsFaulted,
            ["metadata"] = new JsonObject(),
        })]),
    };

    /// <summary>What an entry or execution carried: the ports it left by (<c>outcomes</c>) and its note (e.g. the reviewer's opinion).</summary>
    private static JsonObject Payload(string? outcomes, string? message)
    {
        var payload = new JsonObject();
        if (!string.IsNullOrEmpty(outcomes))
        {
            payload["outcomes"] = new JsonArray([.. outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => (JsonNode)o)]);
        }

        if (!string.IsNullOrEmpty(message))
        {
            payload["message"] = message;
        }

        return payload;
    }
}
