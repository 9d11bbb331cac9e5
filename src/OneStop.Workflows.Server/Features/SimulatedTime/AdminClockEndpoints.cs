using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.SimulatedTime;

/// <summary>Routes: administrators read the clock (use case <see cref="GetClockReading"/>), and with <c>Clock:Mode=Simulated</c> set or advance it (use case <see cref="ChangeSimulatedClock"/>).</summary>
public static class AdminClockEndpoints
{
    public static RouteGroupBuilder MapAdminClock(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/clock", GetAsync).RequireAuthorization(Policies.Administration)
            .WithName("GetClock").WithSummary("The server's clock: mode (System or Simulated) and the current time.")
            .Produces<ClockReading>();
        api.MapPost("/admin/clock", ChangeAsync).RequireAuthorization(Policies.Administration)
            .WithName("ChangeClock")
            .WithSummary("Simulated clock only: set it (now), advance it (advanceBy) or move it to (to) nextWorkingDay or nextDueSignal, never backwards; audited; answers after the sweep. 409 for the system clock.")
            .Accepts<ChangeSimulatedClock.Command>("application/json").Produces<ClockReading>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext http, GetClockReading reading, CancellationToken ct) =>
        (await reading.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).ToHttp();

    private static async Task<IResult> ChangeAsync(HttpContext http, ChangeSimulatedClock change, CancellationToken ct)
    {
        var actor = CurrentUser.From(http.User)!;
        if (http.RequestServices.GetService<SimulatedClock>() is null)
        {
            // The system clock is refused before the body is read (the use case answers the refusal).
            return (await change.ExecuteAsync(new(null, null), actor, ct)).ToHttp();
        }

        var (request, problem) = await RequestJson.ReadAsync<ChangeSimulatedClock.Command>(http.Request, ct);
        return request is null ? problem! : (await change.ExecuteAsync(request, actor, ct)).ToHttp(changed => changed.FailedFollowUps > 0
            ? Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The sweep after the clock change failed",
                detail: $"The clock moved to {changed.MovedTo}, but {changed.FailedFollowUps} follow-up task(s) failed (see the server log). " +
                        "POST {\"advanceBy\":\"PT0S\"} runs them again.")
            : Results.Ok(changed.Clock));
    }
}
