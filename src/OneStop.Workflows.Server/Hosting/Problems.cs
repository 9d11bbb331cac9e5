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

    /// <summary>409: the command does not fit the current state (already decided, paused, closed …); nothing changed.</summary>
    public static IResult Conflict(string detail, string? code = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, type: ProblemTypes.Conflict,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 with field → messages (ValidationProblemDetails).</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Invalid request", type: ProblemTypes.InvalidRequest);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: ProblemTypes.NotFound);

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
}
