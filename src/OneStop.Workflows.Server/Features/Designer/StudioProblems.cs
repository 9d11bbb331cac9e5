using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Issue 11: refusals of the Studio's writes as the Studio shows them. Elsa Studio 3.8.2 turns any problem+json answer into its
/// "validation errors" and shows only the messages under <c>errors</c> (not <c>detail</c>), so every refusal here carries its message
/// in both: a 400 without field errors gets <c>errors[""]</c>, a 409 <c>errors["definition"]</c> (with its <c>code</c>).
/// 401/403/404 are the server's usual problems.
/// </summary>
public static class StudioProblems
{
    public static IResult ToStudioHttp<T>(this Result<T> result, Func<T, IResult> ok) =>
        result.Refusal is { } refusal ? From(refusal) : ok(result.Value!);

    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid when refusal.Errors is null => WithErrors(StatusCodes.Status400BadRequest, "Invalid request", ProblemTypes.InvalidRequest, refusal, ""),
        RefusalKind.Conflict => WithErrors(StatusCodes.Status409Conflict, "Conflict", ProblemTypes.Conflict, refusal, "definition"),
        _ => Problems.From(refusal),
    };

    private static IResult WithErrors(int status, string title, string type, Refusal refusal, string key) =>
        Results.Problem(statusCode: status, title: title, detail: refusal.Message, type: type, extensions: new Dictionary<string, object?>
        {
            ["code"] = refusal.Code,
            ["errors"] = new Dictionary<string, string[]> { [key] = [refusal.Message] },
        });
}
