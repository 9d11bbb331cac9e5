using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Route: end a suspension, the clocks resume (use case <see cref="EndSuspension"/>).</summary>
public static class EndSuspensionEndpoints
{
    public sealed record EndRequest(string? To);

    public static RouteGroupBuilder MapEndSuspension(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/suspensions/{suspensionId}/end", HandleAsync).RequireAuthorization(Policies.Staff).WithName("EndSuspension")
            .WithSummary("End a suspension: the clocks resume with what was left.").Accepts<EndRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, string suspensionId, HttpContext http, EndSuspension end, CancellationToken ct)
    {
        var (request, bad) = await RequestJson.ReadAsync<EndRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, FieldError[]>();
        var to = request.To is null ? null : CalendarWire.Parse(request.To, "to", errors);
        return errors.Count > 0
            ? Problems.From(Refusal.Invalid(errors))
            : (await end.ExecuteAsync(new(id, suspensionId, to), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
