using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Issue 11: the Studio's definition writes under <c>/elsa/api</c> (docs/adr/0014-studio-saves.md): save / create / publish in one call
/// (<see cref="SaveStudioDefinition"/>), the publish, retract and delete menus, the audit trail of a definition (our extension), and
/// a 400 the Studio shows for what it offers and this server does not do. A save stops when the client goes away or the server
/// begins to shut down (then 503, nothing stored).
/// </summary>
public static class StudioDefinitionWrites
{
    /// <summary>The Studio's routes this server refuses with a 400 (method, pattern, English and Chinese name of the action).</summary>
    public static readonly (string Method, string Pattern, string Action, string Chinese)[] Unsupported =
    [
        ("POST", "/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk publish", "批量发布"),
        ("POST", "/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk retract", "批量撤回"),
        ("POST", "/bulk-actions/delete/workflow-definitions/by-definition-ids", "bulk delete", "批量删除"),
        ("POST", "/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk delete", "批量删除"),
        ("POST", "/bulk-actions/delete/workflow-definition-versions/by-id", "bulk delete of versions", "批量删除版本"),
        ("POST", "/workflow-definitions/export", "export", "导出"),
        ("GET", "/workflow-definitions/{definitionId}/export", "export", "导出"),
        ("POST", "/workflow-definitions/import", "import", "导入"),
        ("PUT", "/workflow-definitions/{definitionId}/import", "import", "导入"),
        ("POST", "/workflow-definitions/import-files", "import", "导入"),
        ("POST", "/workflow-definitions/{definitionId}/revert/{version}", "revert to an older version", "回退到旧版本"),
        ("DELETE", "/workflow-definition-versions/{versionId}", "deleting one version", "删除单个版本"),
        ("POST", "/workflow-definitions/{definitionId}/execute", "running a workflow from the designer (Run)", "在设计器中运行流程"),
        ("GET", "/workflow-definitions/{definitionId}/execute", "running a workflow from the designer (Run)", "在设计器中运行流程"),
        ("POST", "/workflow-definitions/{definitionId}/dispatch", "running a workflow from the designer (Run)", "在设计器中运行流程"),
    ];

    public static void MapStudioDefinitionWrites(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-definitions", SaveAsync)
            .WithSummary("Create, save and publish in one call: {model, publish} → {workflowDefinition, alreadyPublished, consumingWorkflowCount}; a save on a stale base is refused (409, code definition.stale).");
        elsa.MapPost("/workflow-definitions/{definitionId}/publish", PublishAsync).WithSummary("Publish the latest version (after the full validation).");
        elsa.MapPost("/workflow-definitions/{definitionId}/retract", RetractAsync).WithSummary("Retract the published version (no new cases until one is published again).");
        elsa.MapDelete("/workflow-definitions/{definitionId}", DeleteAsync).WithSummary("Delete a definition no service item and no case uses.");
        elsa.MapGet("/workflow-definitions/{definitionId}/audit", AuditAsync).WithSummary("The definition's audit trail (saves, publishes, retracts), newest first. Not an Elsa route.");
        foreach (var (method, pattern, action, chinese) in Unsupported)
        {
            elsa.MapMethods(pattern, [method], (HttpContext http, RefuseStudioAction refuse, CancellationToken ct) => RefuseAsync(http, refuse, new(action, chinese), ct))
                .WithSummary($"Not supported here ({action}): 400 with a message the Studio shows.");
        }
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SaveStudioDefinition save, ServerStopping stopping, CancellationToken ct)
    {
        using var saving = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping.Token);
        try
        {
            var (text, problem) = await RequestJson.ReadCheckedTextAsync(http.Request, BodyKind.Definition, saving.Token);
            if (text is null)
            {
                return problem!;
            }

            var (command, errors) = StudioSaveShapes.Read(JsonNode.Parse(text));
            if (command is null)
            {
                return Problems.Validation(errors);
            }

            var result = await save.ExecuteAsync(command, CurrentUser.From(http.User)!, saving.Token);
            return result.ToStudioHttp(saved => saved.Created
                ? Results.Json(StudioSaveShapes.Saved(saved), statusCode: StatusCodes.Status201Created)
                : Results.Json(StudioSaveShapes.Saved(saved)));
        }
        catch (OperationCanceledException) when (stopping.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Problems.ShuttingDown("The server began to shut down during the save; the definition was not stored. Send it again.");
        }
    }

    private static async Task<IResult> PublishAsync(string definitionId, HttpContext http, PublishDefinition publish, CancellationToken ct) =>
        (await publish.ExecuteAsync(new(definitionId), CurrentUser.From(http.User)!, ct)).ToStudioHttp(saved => Results.Json(StudioSaveShapes.Saved(saved)));

    private static async Task<IResult> RetractAsync(string definitionId, HttpContext http, RetractDefinition retract, CancellationToken ct) =>
        (await retract.ExecuteAsync(new(definitionId), CurrentUser.From(http.User)!, ct)).ToStudioHttp(found => Results.Json(DefinitionShapes.Definition(found)));

    private static async Task<IResult> DeleteAsync(string definitionId, HttpContext http, DeleteDefinition delete, CancellationToken ct) =>
        (await delete.ExecuteAsync(new(definitionId), CurrentUser.From(http.User)!, ct)).ToStudioHttp(_ => Results.NoContent());

    private static async Task<IResult> AuditAsync(string definitionId, HttpContext http, ListDefinitionAudit audit, CancellationToken ct) =>
        (await audit.ExecuteAsync(new(definitionId), CurrentUser.From(http.User)!, ct)).ToHttp();

    private static async Task<IResult> RefuseAsync(HttpContext http, RefuseStudioAction refuse, RefuseStudioAction.Command command, CancellationToken ct) =>
        (await refuse.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToStudioHttp(_ => Results.NoContent());
}
