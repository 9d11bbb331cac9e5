using System.Globalization;
using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The Studio's instance viewer under <c>/elsa/api</c> (issue 11 §2 instances): the paged list, one instance, its execution state,
/// journal and variables, its activity executions and the report that draws the canvas's badges. Statuses are Elsa's
/// (<see cref="StudioStatuses"/>). Bodies are read strictly (a malformed one is a 400 naming the field); query values too.
/// </summary>
public static class StudioInstanceEndpoints
{
    /// <summary>The list's body (Elsa's <c>ListWorkflowInstancesRequest</c>).</summary>
    public sealed record ListRequest(
        int? Page,
        int? PageSize,
        string? SearchTerm,
        string? DefinitionId,
        List<string>? DefinitionIds,
        string? CorrelationId,
        int? Version,
        bool? HasIncidents,
        bool? IsSystem,
        StudioStatus? Status,
        List<StudioStatus>? Statuses,
        StudioSubStatus? SubStatus,
        List<StudioSubStatus>? SubStatuses,
        StudioInstanceOrder? OrderBy,
        Direction? OrderDirection,
        JsonArray? TimestampFilters);

    /// <summary>Elsa's <c>OrderDirection</c>.</summary>
    public enum Direction
    {
        Ascending,
        Descending,
    }

    /// <summary>The journal's body (Elsa's <c>GetFilteredJournalRequest</c>).</summary>
    public sealed record JournalRequest(JournalFilter? Filter);

    /// <summary>Elsa's <c>JournalFilter</c>.</summary>
    public sealed record JournalFilter(List<string>? ActivityIds, List<string>? ActivityNodeIds, List<string>? ExcludedActivityTypes, List<string>? EventNames);

    /// <summary>The report's body (Elsa's <c>GetActivityExecutionReportRequest</c>).</summary>
    public sealed record ReportRequest(string? WorkflowInstanceId, List<string>? ActivityNodeIds);

    public static void MapStudioInstances(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-instances", ListAsync)
            .WithSummary("Instances, paged (body: page, pageSize, searchTerm, definitionId(s), version, status(es), subStatus(es), hasIncidents, orderBy, orderDirection) → {items, totalCount}.");
        elsa.MapGet("/workflow-instances/{instanceId}", GetAsync).WithSummary("One instance in Elsa's shape, with its workflowState (bookmarks, incidents).");
        elsa.MapGet("/workflow-instances/{instanceId}/execution-state", ExecutionStateAsync).WithSummary("{status, workflowSubStatus, updatedAt} (the Studio polls it).");
        elsa.MapPost("/workflow-instances/{instanceId}/journal", JournalAsync)
            .WithSummary("The journal, oldest first, paged by skip/take (query) and filtered by the body's filter (activityIds, activityNodeIds, excludedActivityTypes, eventNames).");
        elsa.MapGet("/workflow-instances/{instanceId}/variables", VariablesAsync).WithSummary("{items: []}: flows on this server have no variables.");
        elsa.MapGet("/activity-executions/list", (HttpContext http, ListActivityExecutions list, CancellationToken ct) =>
                ExecutionsAsync(http, list, StudioInstanceShapes.Execution, ct))
            .WithSummary("An instance's activity executions (workflowInstanceId, activityNodeId, completed) → {items, count}.");
        elsa.MapGet("/activity-execution-summaries/list", (HttpContext http, ListActivityExecutions list, CancellationToken ct) =>
                ExecutionsAsync(http, list, StudioInstanceShapes.ExecutionSummary, ct))
            .WithSummary("The same as summaries → {items, count}.");
        elsa.MapGet("/activity-executions/by-id", ByIdAsync).WithSummary("One activity execution by an id from a list, summary, bookmark or journal record.");
        elsa.MapPost("/activity-executions/report", ReportAsync).WithSummary("Per node that ran: startedCount, completedCount, uncompletedCount, isBlocked, isFaulted → {stats}.");
    }

    private static async Task<IResult> ListAsync(HttpContext http, ListStudioInstances list, CancellationToken ct)
    {
        var (body, bad) = await RequestJson.ReadAsync<ListRequest>(http.Request, ct);
        if (body is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, string[]>();
        var page = Paging.Read(body.Page?.ToString(CultureInfo.InvariantCulture), body.PageSize?.ToString(CultureInfo.InvariantCulture), errors);
        if (body.Version is < 1)
        {
            errors["version"] = ["A version number from 1."];
        }

        if (body.TimestampFilters is { Count: > 0 })
        {
            errors["timestampFilters"] = ["Timestamp filters are not supported by this server; filter by definition, status or a case number instead. 暂不支持按时间筛选。"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // This server has no system workflows: a list of them is empty (as the definition list).
        if (body.IsSystem == true)
        {
            return Results.Json(StudioInstanceShapes.List(new([], 0, page.Number, page.Size)));
        }

        var definitionIds = (body.DefinitionIds ?? []).Concat(body.DefinitionId is { Length: > 0 } one ? [one] : [])
            .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var statuses = (body.Statuses ?? []).Concat(body.Status is { } s ? [s] : []).Distinct().ToList();
        var subStatuses = (body.SubStatuses ?? []).Concat(body.SubStatus is { } sub ? [sub] : []).Distinct().ToList();
        // The correlation id is the case id, which the search term also finds.
        var search = string.IsNullOrWhiteSpace(body.SearchTerm) ? body.CorrelationId : body.SearchTerm;
        var query = new ListStudioInstances.Query(page.Number, page.Size, search, definitionIds, body.Version, statuses, subStatuses, body.HasIncidents,
            body.OrderBy ?? StudioInstanceOrder.Created, body.OrderDirection is { } d ? d == Direction.Descending : null);
        return (await list.ExecuteAsync(query, CurrentUser.From(http.User)!, ct)).ToHttp(found => Results.Json(StudioInstanceShapes.List(found)));
    }

    private static async Task<IResult> GetAsync(string instanceId, HttpContext http, GetStudioInstance get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(instanceId), CurrentUser.From(http.User)!, ct)).ToHttp(found => Results.Json(StudioInstanceShapes.Instance(found)));

    private static async Task<IResult> ExecutionStateAsync(string instanceId, HttpContext http, GetStudioExecutionState get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(instanceId), CurrentUser.From(http.User)!, ct)).ToHttp(found => Results.Json(StudioInstanceShapes.ExecutionState(found)));

    private static async Task<IResult> VariablesAsync(string instanceId, HttpContext http, GetStudioExecutionState get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(instanceId), CurrentUser.From(http.User)!, ct)).ToHttp(_ => Results.Json(StudioInstanceShapes.Items([])));

    private static async Task<IResult> JournalAsync(string instanceId, HttpContext http, GetStudioJournal journal, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var skip = Whole(http.Request.Query["skip"], "skip", 0, errors);
        var take = Whole(http.Request.Query["take"], "take", GetStudioJournal.DefaultTake, errors);
        var (body, bad) = await RequestJson.ReadAsync<JournalRequest>(http.Request, ct);
        if (body is null)
        {
            return bad!;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var f = body.Filter;
        var filter = f is null ? null : new GetStudioJournal.Filter(f.ActivityIds, f.ActivityNodeIds, f.ExcludedActivityTypes, f.EventNames);
        return (await journal.ExecuteAsync(new(instanceId, filter, skip, take), CurrentUser.From(http.User)!, ct))
            .ToHttp(found => Results.Json(StudioInstanceShapes.Journal(found)));
    }

    private static async Task<IResult> ExecutionsAsync(HttpContext http, ListActivityExecutions list, Func<StudioActivityExecution, JsonObject> shape, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var instanceId = query["workflowInstanceId"].ToString();
        if (instanceId.Length == 0)
        {
            errors["workflowInstanceId"] = ["The workflow instance ID is required."];
        }

        bool? completed = null;
        if (query["completed"].ToString() is { Length: > 0 } text)
        {
            if (bool.TryParse(text, out var value))
            {
                completed = value;
            }
            else
            {
                errors["completed"] = [$"'{InputText.Quote(text)}' is not True or False."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var node = query["activityNodeId"].ToString();
        return (await list.ExecuteAsync(new(instanceId, node.Length > 0 ? node : null, completed), CurrentUser.From(http.User)!, ct))
            .ToHttp(found => Results.Json(StudioInstanceShapes.Items(found.Select(shape))));
    }

    private static async Task<IResult> ByIdAsync(HttpContext http, FindActivityExecution find, CancellationToken ct) =>
        (await find.ExecuteAsync(new(http.Request.Query["id"].ToString()), CurrentUser.From(http.User)!, ct))
            .ToHttp(found => Results.Json(StudioInstanceShapes.Execution(found)));

    private static async Task<IResult> ReportAsync(HttpContext http, GetActivityExecutionReport report, CancellationToken ct)
    {
        var (body, bad) = await RequestJson.ReadAsync<ReportRequest>(http.Request, ct);
        if (body is null)
        {
            return bad!;
        }

        if (string.IsNullOrWhiteSpace(body.WorkflowInstanceId))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["workflowInstanceId"] = ["The workflow instance ID is required."] });
        }

        return (await report.ExecuteAsync(new(body.WorkflowInstanceId, body.ActivityNodeIds ?? []), CurrentUser.From(http.User)!, ct))
            .ToHttp(found => Results.Json(StudioInstanceShapes.Report(found)));
    }

    /// <summary>A whole number from 0 in the query string (absent: <paramref name="fallback"/>); anything else is an error naming it.</summary>
    private static int Whole(string? text, string name, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = [$"'{InputText.Quote(text)}' is not a whole number from 0."];
        return fallback;
    }
}
