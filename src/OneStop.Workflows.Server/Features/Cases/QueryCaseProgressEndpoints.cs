using System.Text.Json.Nodes;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Routes: the applicant's progress query (use case <see cref="QueryCaseProgress"/>), and the retired GET that names it.</summary>
public static class QueryCaseProgressEndpoints
{
    /// <summary>The request body: the case number and the query password from the receipt.</summary>
    public sealed record Request(string Number, string Password);

    /// <summary>The route of the query (POST, the password in the body, never in the URL).</summary>
    public const string Route = "/public/case-progress";

    public static void MapQueryCaseProgress(this RouteGroupBuilder api)
    {
        api.MapPost(Route, HandleAsync).AllowAnonymous()
            .WithName("QueryCaseProgress").WithSummary("Applicant's progress query: {number, password} in the body.")
            .Accepts<Request>("application/json")
            .Produces<QueryCaseProgress.Progress>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitSetup.ProgressQuery);

        // The old query put the password in the URL (proxy logs, browser history): it now only says what to use instead.
        api.MapGet("/public/cases/{number}", (string number) => Problems.Gone(
                $"The progress query moved: POST /api{Route} with {{\"number\":\"<case number>\",\"password\":\"<query password>\"}} in the body. " +
                $"进度查询已改为 POST /api{Route}，案件编号和查询密码放在请求正文中。"))
            .AllowAnonymous()
            .WithName("QueryCaseProgressRetired").WithSummary("Retired: answers 410 and names POST /api/public/case-progress.")
            .ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, QueryCaseProgress progress, BodyRateLimits limits, CancellationToken ct)
    {
        var (body, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (body is null)
        {
            return problem!;
        }

        var (number, password) = (Text(body, "number"), Text(body, "password"));
        if (QueryCaseProgress.Malformed(number, password) is { } malformed)
        {
            return Problems.BadRequest(malformed);
        }

        // Only a well-formed number gets a limiter partition.
        return limits.ProgressQueryPerCaseNumber.TryAcquire(number!, out var retryAfter)
            ? (await progress.ExecuteAsync(new(number, password), ct)).ToHttp()
            : Problems.TooManyRequests(retryAfter);
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
