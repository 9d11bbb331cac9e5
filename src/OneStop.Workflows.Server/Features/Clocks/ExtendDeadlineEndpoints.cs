using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Route: extend the statutory limit once, before it expires (use case <see cref="ExtendDeadline"/>).</summary>
public static class ExtendDeadlineEndpoints
{
    public sealed record ExtendRequest(int? WorkingDays, string? Reason);

    public static RouteGroupBuilder MapExtendDeadline(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/extensions", HandleAsync).RequireAuthorization(Policies.Staff).WithName("ExtendDeadline")
            .WithSummary("Extend the statutory limit once, before it expires; approved by the lead department's head.").Accepts<ExtendRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, ExtendDeadline extend, CancellationToken ct)
    {
        var (request, bad) = await RequestJson.ReadAsync<ExtendRequest>(http.Request, ct);
        return request is null ? bad! : (await extend.ExecuteAsync(new(id, request.WorkingDays, request.Reason), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
