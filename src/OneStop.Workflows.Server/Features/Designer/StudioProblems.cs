using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Issue 11: refusals of the Studio's writes as the Studio shows them. Elsa Studio 3.8.2 shows the messages of a 400 problem+json
/// answer, and only those under <c>errors</c> (not <c>detail</c>); any other status of a save it drops without a word. Checked twice in
/// the browser: the same problem answered 409 — <c>Content-Type: application/problem+json</c>, <c>errors</c> and <c>code</c> — showed
/// nothing (the console only "Failed to load resource … 409"), answered 400 showed its message. Refit does turn any problem+json answer
/// into a <c>ValidationApiException</c>, but the Studio's save catches its <c>ApiException</c> only <c>when</c> the status is 400
/// (<c>WorkflowDefinitionEditorService.SaveAsync</c>); a 409 escapes into the debounced auto-save and is lost. So every refusal here is a 400 with
/// its message in both <c>detail</c> and <c>errors</c>: field errors as they are, a refusal of the whole body under <c>errors[""]</c>,
/// and a conflict (a save on a stale base, docs/adr/0014-studio-saves.md) under <c>errors["definition"]</c> with type
/// <c>…/conflict</c> and its <c>code</c> (<c>definition.stale</c>), where a program tells it from a plain 400.
/// 401/403/404 are the server's usual problems.
/// </summary>
public static class StudioProblems
{
    public static IResult ToStudioHttp<T>(this Result<T> result, Func<T, IResult> ok) =>
        result.Refusal is { } refusal ? From(refusal) : ok(result.Value!);

    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid when refusal.Errors is null => WithErrors(StatusCodes.Status400BadRequest, "Invalid request", ProblemTypes.InvalidRequest, refusal, ""),
        RefusalKind.Conflict => WithErrors(StatusCodes.Status400BadRequest, "Conflict", ProblemTypes.Conflict, refusal, "definition"),
        _ => Problems.From(refusal),
    };

    private static IResult WithErrors(int status, string title, string type, Refusal refusal, string key) =>
        Results.Problem(statusCode: status, title: title, detail: refusal.Message, type: type, extensions: new Dictionary<string, object?>
        {
            ["code"] = refusal.Code,
            ["errors"] = new Dictionary<string, string[]> { [key] = [refusal.Message] },
        });
}
