using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>The applicant's progress view, by case number and query password: status and dated public steps only.</summary>
public static class QueryCaseProgress
{
    public sealed record Step(string At, string Text);

    public sealed record Response(string Number, string ServiceItem, string Status, string? Decision, string? DecisionReasons, string? RemedyRights,
        string? ResultDocument, string ReceiptDate, string? AcceptanceDate, string? DecisionDate, string DeliveryMethod, string DeliveryStatus,
        string? TrackingNumber, IReadOnlyList<Step> Steps);

    /// <summary>The request body: the case number and the query password from the receipt.</summary>
    public sealed record Request(string Number, string Password);

    private const int MaxNumberLength = 32;
    private const int MaxPasswordLength = 64;

    /// <summary>The route of the query (POST, the password in the body, never in the URL).</summary>
    public const string Route = "/public/case-progress";

    public static void MapQueryCaseProgress(this RouteGroupBuilder api)
    {
        api.MapPost(Route, HandleAsync).AllowAnonymous()
            .WithName("QueryCaseProgress").WithSummary("Applicant's progress query: {number, password} in the body.")
            .Accepts<Request>("application/json")
            .Produces<Response>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
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

    private static async Task<IResult> HandleAsync(HttpRequest request, IDbContextFactory<OneStopDbContext> contexts, BodyRateLimits limits, CancellationToken ct)
    {
        var (body, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (body is null)
        {
            return problem!;
        }

        var number = Text(body, "number");
        var password = Text(body, "password");
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrEmpty(password))
        {
            return Problems.BadRequest("'number' and 'password' are required strings: the case number and the query password of the receipt.");
        }

        if (number.Length > MaxNumberLength || number.Any(char.IsControl) || password.Length > MaxPasswordLength)
        {
            // Longer than any case number or query password: not worth a database round trip (nor a limiter partition).
            return Problems.BadRequest($"'number' is a case number such as 20261127-NY7VR3 (at most {MaxNumberLength} characters) and 'password' the query password of the receipt.");
        }

        if (!limits.ProgressQueryPerCaseNumber.TryAcquire(number, out var retryAfter))
        {
            return Problems.TooManyRequests(retryAfter);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Number == number, ct);
        // Verify against a decoy hash when the number is unknown, so both refusals cost the same time.
        if (!QueryPasswords.Verify(password, c?.QueryPasswordHash ?? QueryPasswords.DecoyHash) || c is null)
        {
            // One answer for an unknown number and a wrong password: nothing to learn by guessing.
            return Problems.NotFound("No case matches that number and password.");
        }

        var steps = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == c.Id.Value && e.Visibility == AuditVisibility.Public)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new Step(e.At.ToString(), e.PublicText ?? e.Action))
            .ToListAsync(ct);
        return Results.Ok(new Response(c.Number, c.ServiceItemCode, c.Status.ToString(), c.Decision?.ToString(), c.DecisionReasons, c.RemedyRights,
            c.ResultDocument, IsoDate.Format(c.ReceiptDate), IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.DeliveryMethod.ToString(),
            c.DeliveryStatus.ToString(), c.TrackingNumber, steps));
    }

    private static string? Text(System.Text.Json.Nodes.JsonObject body, string name) =>
        body[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
