namespace OneStop.Workflows.Server.Hosting;

/// <summary>Turns a use case's answer into HTTP: the value (200 by default), or its refusal as ProblemDetails (<see cref="Problems.From(Domain.Shared.Refusal)"/>).</summary>
public static class UseCaseResults
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? ok = null) =>
        result.Refusal is { } refusal ? Problems.From(refusal) : ok is null ? Results.Ok(result.Value) : ok(result.Value!);
}
