using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.SimulatedTime;

/// <summary>
/// Administrators read the clock, and with <c>Clock:Mode=Simulated</c> set or advance it (never backwards). A change is audited,
/// then every <see cref="IClockChangeListener"/> is awaited, so whatever became due has happened when the call answers.
/// </summary>
public static class AdminClock
{
    /// <summary>Exactly one of <see cref="Now"/> (ISO-8601 date-time with offset) or <see cref="AdvanceBy"/> (ISO-8601 duration).</summary>
    public sealed record ChangeRequest(string? Now, string? AdvanceBy);

    /// <summary><see cref="Now"/> in the centre's zone with its offset; <see cref="NowUtc"/> the same instant in UTC.</summary>
    public sealed record ClockResponse(ClockMode Mode, string Now, string NowUtc);

    public static RouteGroupBuilder MapAdminClock(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/clock", Get).RequireAuthorization(Policies.Administration)
            .WithName("GetClock").WithSummary("The server's clock: mode (System or Simulated) and the current time.")
            .Produces<ClockResponse>();
        api.MapPost("/admin/clock", ChangeAsync).RequireAuthorization(Policies.Administration)
            .WithName("ChangeClock")
            .WithSummary("Simulated clock only: set it (now) or advance it (advanceBy), never backwards; audited; answers after the sweep. 409 for the system clock.")
            .Accepts<ChangeRequest>("application/json").Produces<ClockResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
        return api;
    }

    private static IResult Get(HttpContext http, IClock clock, CentreTimeZone centre) =>
        Results.Ok(Describe(http.RequestServices.GetService<SimulatedClock>() is null ? ClockMode.System : ClockMode.Simulated,
            clock.GetCurrentInstant(), centre));

    private static async Task<IResult> ChangeAsync(
        HttpContext http, CentreTimeZone centre, IDbContextFactory<OneStopDbContext> dbFactory, ILoggerFactory loggers, CancellationToken ct)
    {
        // Not a parameter: an unregistered SimulatedClock would be taken for the request body.
        if (http.RequestServices.GetService<SimulatedClock>() is not { } clock)
        {
            return Problems.Conflict($"The clock is the system clock; set {ClockSetup.ModeKey}=Simulated to set or advance it.", "SystemClock");
        }

        var (request, problem) = await RequestJson.ReadAsync<ChangeRequest>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        Instant? target = null;
        Duration? by = null;
        var hasNow = !string.IsNullOrWhiteSpace(request.Now);
        var hasAdvance = !string.IsNullOrWhiteSpace(request.AdvanceBy);
        if (hasNow == hasAdvance)
        {
            errors[hasNow ? "advanceBy" : "now"] = [hasNow
                ? "Give either now or advanceBy, not both."
                : "Give now (an ISO-8601 date-time with offset, e.g. 2025-09-26T09:00:00+08:00) or advanceBy (an ISO-8601 duration, e.g. P3D)."];
        }
        else if (hasNow)
        {
            target = ClockText.ParseInstant(request.Now!);
            if (target is null)
            {
                errors["now"] = [$"'{request.Now}' is not an ISO-8601 date-time with an offset (e.g. 2025-09-26T09:00:00+08:00)."];
            }
        }
        else
        {
            (by, var error) = ClockText.ParseDuration(request.AdvanceBy!);
            if (error is not null)
            {
                errors["advanceBy"] = [error];
            }
        }

        // Every date the server works with lies in the supported range: a clock beyond it would make every submission fail.
        if (errors.Count == 0)
        {
            var field = target is null ? "advanceBy" : "now";
            var after = target ?? Later(clock.GetCurrentInstant(), by!.Value);
            if (after is null || !SupportedDates.Contains(after.Value, centre.Zone))
            {
                errors[field] = [$"The clock must stay within the supported dates {OneStop.Workflows.Application.Calendar.CalendarWire.Format(SupportedDates.First)} to {OneStop.Workflows.Application.Calendar.CalendarWire.Format(SupportedDates.Last)}."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        ClockChange change;
        try
        {
            change = target is { } at ? clock.Set(at) : clock.Advance(by!.Value);
        }
        catch (ArgumentException)
        {
            var current = ClockText.Format(clock.GetCurrentInstant(), centre.Zone);
            errors[target is null ? "advanceBy" : "now"] = [target is { } at
                ? $"The clock never goes backwards: it is {current}, and {ClockText.Format(at, centre.Zone)} is earlier."
                : $"The clock cannot be advanced by {request.AdvanceBy}."];
            return Problems.Validation(errors);
        }

        var user = CurrentUser.From(http.User)!;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AuditEvents.Add(new AuditEvent(change.After, user.UserName, target is null ? AuditActions.ClockAdvanced : AuditActions.ClockSet, null, "clock",
                JsonSerializer.Serialize(new
                {
                    before = ClockText.FormatUtc(change.Before),
                    after = ClockText.FormatUtc(change.After),
                    advanceBy = target is null ? request.AdvanceBy!.Trim() : null,
                    systemUtc = ClockText.FormatUtc(SystemClock.Instance.GetCurrentInstant()),
                }), null));
            await db.SaveChangesAsync(ct);
        }

        var logger = loggers.CreateLogger(typeof(AdminClock).FullName!);
        logger.LogInformation("{User} moved the simulated clock from {Before} to {After}", user.UserName, change.Before, change.After);
        var failed = await ClockTick.NotifyAsync(http.RequestServices.GetServices<IClockChangeListener>(), change.After, logger, ct);
        if (failed > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The sweep after the clock change failed",
                detail: $"The clock moved to {ClockText.Format(change.After, centre.Zone)}, but {failed} follow-up task(s) failed (see the server log). " +
                        "POST {\"advanceBy\":\"PT0S\"} runs them again.");
        }

        return Results.Ok(Describe(ClockMode.Simulated, clock.GetCurrentInstant(), centre));
    }

    private static Instant? Later(Instant now, Duration by)
    {
        try
        {
            return now + by;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static ClockResponse Describe(ClockMode mode, Instant now, CentreTimeZone centre) =>
        new(mode, ClockText.Format(now, centre.Zone), ClockText.FormatUtc(now));
}
