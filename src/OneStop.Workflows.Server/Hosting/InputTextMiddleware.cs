namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Refuses, before any route runs, a path (so every route value) or query string (names and values) that breaks
/// <see cref="InputText"/> (no free text there: no tab or line break either) or is longer than its cap: 400 naming the parameter.
/// </summary>
public sealed class InputTextMiddleware(RequestDelegate next)
{
    /// <summary>The cap of one path segment (a route value such as a case id or definition id).</summary>
    public const int MaxSegmentLength = 200;

    /// <summary>The cap of one query-string value.</summary>
    public const int MaxQueryValueLength = 200;

    /// <summary>Query parameters with a larger cap: the bearer token a browser sends to the alert feed (a WebSocket cannot carry headers).</summary>
    public static IReadOnlyDictionary<string, int> LongQueryValues { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["access_token"] = 4000,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var path = context.Request.Path.Value ?? "";
        if (InputText.Problem(path, freeText: false) is { } pathProblem)
        {
            errors["path"] = [$"The path {pathProblem}"];
        }
        else if (path.Split('/').FirstOrDefault(s => s.Length > MaxSegmentLength) is { } longSegment)
        {
            errors["path"] = [$"A path segment of at most {MaxSegmentLength} characters; {longSegment.Length} given."];
        }

        foreach (var (key, values) in context.Request.Query)
        {
            var name = InputText.Quote(key);
            if (InputText.Problem(key, freeText: false) is { } keyProblem)
            {
                errors[name] = [$"The parameter name {keyProblem}"];
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (InputText.Problem(value, freeText: false) is { } valueProblem)
                {
                    errors[name] = [$"The value {valueProblem}"];
                }
                else if (value.Length > LongQueryValues.GetValueOrDefault(key, MaxQueryValueLength))
                {
                    errors[name] = [$"At most {LongQueryValues.GetValueOrDefault(key, MaxQueryValueLength)} characters; {value.Length} given."];
                }
            }
        }

        if (errors.Count > 0)
        {
            await Problems.Validation(errors).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
