using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Route: suspend the case's running clocks for a special procedure (use case <see cref="SuspendClock"/>).</summary>
public static class SuspendClockEndpoints
{
    public sealed record SuspendRequest(SuspensionType? Type, string? LocalType, string? From, int? ExpectedWorkingDays, string? Notice);

    public static RouteGroupBuilder MapSuspendClock(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/suspensions", HandleAsync).RequireAuthorization(Policies.Staff).WithName("SuspendClock")
            .WithSummary("Suspend the case's running clocks for a special procedure (Art. 45); the applicant is notified.")
            .Accepts<SuspendRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, SuspendClock suspend, CancellationToken ct)
    {
        var (request, bad) = await RequestJson.ReadAsync<SuspendRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, FieldError[]>();
        var from = request.From is null ? null : CalendarWire.Parse(request.From, "from", errors);
        var command = new SuspendClock.Command(id, request.Type, request.LocalType, from, request.ExpectedWorkingDays, request.Notice);
        if (errors.Count > 0)
        {
            // Every problem at once, each with its code (ADR 0017): the date's, and the command's own.
            foreach (var (field, found) in SuspendClock.CheckFields(command))
            {
                errors[field] = found;
            }

            return Problems.From(Refusal.Invalid(errors));
        }

        return (await suspend.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
