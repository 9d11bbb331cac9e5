using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Issue 11: refusals of the Studio's writes as the Studio shows them. Elsa Studio 3.8.2 shows the messages of a 400 problem+json
/// answer, and only those under <c>errors</c> (not <c>detail</c>); any other status of a save it drops without a word (its
/// <c>WorkflowDefinitionEditorService.SaveAsync</c> catches the save's <c>ApiException</c> only <c>when</c> the status is 400). So every
/// refusal here carries its message in both <c>detail</c> and <c>errors</c>: field errors as they are, a refusal of the whole body under
/// <c>errors[""]</c>, a conflict under <c>errors["definition"]</c> with type <c>…/conflict</c> and its <c>code</c>.
/// A save on a stale base (code <c>definition.stale</c>, docs/adr/0014-studio-saves.md, "Revised") is a <b>409</b> on the wire — what it
/// means in HTTP, what an API client sees; the designer's host page hands the Studio that one answer as a 400
/// (<c>wwwroot/designer/onestop-save-conflict.js</c>, <see cref="StudioHostPages"/>), so the Studio shows its message. Every other
/// refusal of the Studio's writes is a 400. 401/403/404 are the server's usual problems.
/// </summary>
public static class StudioProblems
{
    public static IResult ToStudioHttp<T>(this Result<T> result, Func<T, IResult> ok) =>
        result.Refusal is { } refusal ? From(refusal) : ok(result.Value!);

    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid when refusal.Errors is null => WithErrors(StatusCodes.Status400BadRequest, "Invalid request", ProblemTypes.InvalidRequest, refusal, ""),
        RefusalKind.Conflict when refusal.Code == Application.Definitions.StudioSaves.StaleCode => WithErrors(StatusCodes.Status409Conflict, "Conflict", ProblemTypes.Conflict, refusal, "definition"),
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
