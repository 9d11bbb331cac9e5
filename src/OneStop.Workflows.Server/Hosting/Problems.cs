using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>The one place where refusals become RFC 9457 ProblemDetails.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail, type: ProblemTypes.InvalidRequest);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, type: ProblemTypes.Forbidden);

    /// <summary>403 with code <c>password-change-required</c>: the user signed in with a one-time password and must change it first.</summary>
    public static IResult PasswordChangeRequired() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password change required",
            detail: "Your password is a one-time password: change it first (POST /api/auth/password). 请先修改一次性密码。",
            type: ProblemTypes.Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "password-change-required" });

    /// <summary>A use case's refusal: 400 by field, 403, 404, or 409 with its stable code (the one mapping of <see cref="Domain.Shared.Refusal"/>).</summary>
    public static IResult From(Domain.Shared.Refusal refusal) => refusal.Kind switch
    {
        Domain.Shared.RefusalKind.Invalid when refusal.Errors is null => BadRequest(refusal.Message), // about the body as a whole
        Domain.Shared.RefusalKind.Conflict when refusal.Code == Domain.Shared.RefusalCodes.DefinitionNotPublished => From(HostError.NoPublishedVersion),
        Domain.Shared.RefusalKind.Conflict when refusal.Code == Domain.Shared.RefusalCodes.IdempotencyKeyReused => From(HostError.IdempotencyKeyReused),
        Domain.Shared.RefusalKind.Invalid => Validation(refusal.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? new Dictionary<string, string[]> { [string.Empty] = [refusal.Message] },
            ErrorCodes(refusal)),
        Domain.Shared.RefusalKind.Forbidden => Forbidden(refusal.Message),
        Domain.Shared.RefusalKind.NotFound => NotFound(refusal.Message),
        _ => Conflict(refusal.Message, refusal.Code == Domain.Shared.RefusalCodes.Conflict ? null : refusal.Code),
    };

    /// <summary>409: the command does not fit the current state (already decided, paused, closed …); nothing changed.</summary>
    public static IResult Conflict(string detail, string? code = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, type: ProblemTypes.Conflict,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    /// <summary>
    /// 400 with field → messages (ValidationProblemDetails) and, when the errors have codes (ADR 0017), the additive extension
    /// <c>errorCodes</c>: field → codes, the same fields in the same order as <c>errors</c>.
    /// </summary>
    public static IResult Validation(IDictionary<string, string[]> errors, IDictionary<string, string[]>? errorCodes = null) =>
        Results.ValidationProblem(errors, title: "Invalid request", type: ProblemTypes.InvalidRequest,
            extensions: errorCodes is null ? null : new Dictionary<string, object?> { ["errorCodes"] = errorCodes });

    /// <summary>The refusal's field → codes, or null when its errors have none (the Studio's use cases).</summary>
    private static Dictionary<string, string[]>? ErrorCodes(Domain.Shared.Refusal refusal) =>
        refusal.FieldErrors?.ToDictionary(e => e.Key, e => e.Value.Select(f => f.Code).ToArray(), StringComparer.Ordinal);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: ProblemTypes.NotFound);

    /// <summary>429: a rate limit was reached; <c>Retry-After</c> says in how many whole seconds to try again.</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter) => new WithRetryAfter(
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Too many attempts; try again in {RetryAfterSeconds(retryAfter)} s. 尝试次数过多，请稍后再试。", type: ProblemTypes.TooManyRequests),
        RetryAfterSeconds(retryAfter));

    /// <summary>503: more API requests are waiting than the server queues (<c>RateLimits:RequestQueueLimit</c>); nothing was done.</summary>
    public static IResult Busy() => new WithRetryAfter(
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is busy",
            detail: "Too many requests are waiting; try again in 1 s. 服务器繁忙，请稍后再试。", type: ProblemTypes.Busy), 1);

    /// <summary>410: the route is retired; <paramref name="detail"/> says what to use instead (no redirect).</summary>
    public static IResult Gone(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: detail, type: ProblemTypes.Gone);

    /// <summary>400 listing every validation error with its JSON path (<c>errors</c>: path → messages; <c>problems</c>: path, code, message).</summary>
    public static IResult InvalidDefinition(IReadOnlyList<ValidationError> errors) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The workflow definition is invalid",
            detail: $"{errors.Count} problem(s) found; nothing was stored.",
            type: ProblemTypes.InvalidDefinition,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                ["problems"] = errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message }).ToArray(),
            });

    /// <summary>503: the server began to shut down while the request was being handled; nothing was stored.</summary>
    public static IResult ShuttingDown(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is shutting down", detail: detail,
            type: ProblemTypes.ShuttingDown);

    public static IResult From(HostError error) => error switch
    {
        HostError.DefinitionNotFound => NotFound("No workflow definition has that id."),
        HostError.NoPublishedVersion => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not published",
            detail: "The definition has no published version to start; publish it first.", type: ProblemTypes.Conflict),
        HostError.InstanceNotFound => NotFound("No workflow instance has that id."),
        HostError.BookmarkNotFound => NotFound("The instance has no open bookmark with that id (unknown, or already consumed)."),
        HostError.IdempotencyKeyReused => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused",
            detail: "This idempotency key was already used for another bookmark of this instance.", type: ProblemTypes.Conflict),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    private static long RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    private sealed class WithRetryAfter(IResult problem, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
