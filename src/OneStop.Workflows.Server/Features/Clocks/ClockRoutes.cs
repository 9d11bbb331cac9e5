using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Features.Calendar;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>A case's clocks: read them; suspend for an Art. 45 procedure and end it; extend once before expiry.</summary>
public static class ClockRoutes
{
    public sealed record SuspendRequest(SuspensionType? Type, string? LocalType, string? From, int? ExpectedWorkingDays, string? Notice);

    public sealed record EndRequest(string? To);

    public sealed record ExtendRequest(int? WorkingDays, string? Reason);

    public static IServiceCollection AddClocks(this IServiceCollection services) => services.AddSingleton<ClockOperations>();

    public static RouteGroupBuilder MapClocks(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id}/clocks", GetAsync).RequireAuthorization(Policies.Staff).WithName("GetCaseClocks")
            .WithSummary("The case's clock and its reviews' step clocks, with derived due days.");
        api.MapPost("/cases/{id}/suspensions", SuspendAsync).RequireAuthorization(Policies.Staff).WithName("SuspendClock")
            .WithSummary("Suspend the case's running clocks for a special procedure (Art. 45); the applicant is notified.")
            .Accepts<SuspendRequest>("application/json");
        api.MapPost("/cases/{id}/suspensions/{suspensionId}/end", EndAsync).RequireAuthorization(Policies.Staff).WithName("EndSuspension")
            .WithSummary("End a suspension: the clocks resume with what was left.").Accepts<EndRequest>("application/json");
        api.MapPost("/cases/{id}/extensions", ExtendAsync).RequireAuthorization(Policies.Staff).WithName("ExtendDeadline")
            .WithSummary("Extend the statutory limit once, before it expires; approved by the lead department's head.").Accepts<ExtendRequest>("application/json");
        return api;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, OfficialCalendar calendar,
        NodaTime.IClock clock, Domain.Calendar.CentreDay day, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!CaseId.TryParse(id, out var caseId) || !CaseAccess.SeesCases(user) || !await CaseAccess.CanSeeAsync(db, user, caseId, ct))
        {
            return Problems.NotFound("No case with that id is visible to you.");
        }

        var cal = await calendar.CurrentAsync(ct);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        return Results.Ok(new { items = clocks.Select(c => ClockView.From(c, cal, day)).ToList() });
    }

    private static async Task<IResult> SuspendAsync(string id, HttpContext http, ClockOperations operations, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, bad) = await RequestJson.ReadAsync<SuspendRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, string[]>();
        var from = request.From is null ? null : CalendarJson.Parse(request.From, "from", errors);
        if (request.Type is null)
        {
            errors["type"] = [$"One of {string.Join(", ", Enum.GetNames<SuspensionType>())}."];
        }
        else if (request.Type == SuspensionType.Local && string.IsNullOrWhiteSpace(request.LocalType))
        {
            errors["localType"] = ["A local suspension type names the procedure."];
        }

        if (request.ExpectedWorkingDays is not (>= 1 and <= 365))
        {
            errors["expectedWorkingDays"] = ["The expected length in working days (1–365), as written in the notice."];
        }

        if (string.IsNullOrWhiteSpace(request.Notice))
        {
            errors["notice"] = ["The written notice to the applicant is required (Art. 45)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var suspensionId = Domain.Shared.SequentialGuid.New();
        return await operations.RunAsync(id, user, headOnly: false, scope =>
        {
            if (scope.Clocks.Count == 0)
            {
                return Problems.Conflict("The case has no running clock (not accepted yet, or completed).", "clock.not-running");
            }

            var start = from ?? scope.Today;
            foreach (var clock in scope.Clocks)
            {
                if (clock.Suspend(suspensionId, request.Type!.Value, request.LocalType, start, request.ExpectedWorkingDays!.Value, request.Notice!, user.UserName, scope.Now) is { } refusal)
                {
                    return Problems.Conflict(refusal.Message, refusal.Code);
                }
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.ClockSuspended, user.UserName, suspensionId.ToString(), request.Notice,
                new { request.Type, request.LocalType, from = CalendarJson.Format(start), request.ExpectedWorkingDays },
                $"Time limit suspended 中止计时: {request.Type} {request.LocalType}, expected {request.ExpectedWorkingDays} working days".Trim());
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "SuspensionNotice", $"Case {scope.Case.Number}: {request.Notice}");
            return null;
        }, scope => Results.Ok(new { suspensionId = suspensionId.ToString(), clocks = scope.Clocks.Select(c => ClockView.From(c, scope.Calendar, scope.Day)).ToList() }), ct);
    }

    private static async Task<IResult> EndAsync(string id, string suspensionId, HttpContext http, ClockOperations operations, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, bad) = await RequestJson.ReadAsync<EndRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, string[]>();
        var to = request.To is null ? null : CalendarJson.Parse(request.To, "to", errors);
        if (errors.Count > 0 || !Guid.TryParse(suspensionId, out var sid))
        {
            return errors.Count > 0 ? Problems.Validation(errors) : Problems.NotFound("No such suspension.");
        }

        return await operations.RunAsync(id, user, headOnly: false, scope =>
        {
            var suspended = scope.Clocks.Where(c => c.Suspensions.Any(s => s.Id == sid && s.IsOpen)).ToList();
            if (suspended.Count == 0)
            {
                return Problems.Conflict("No open suspension with that id on this case.", "suspension.not-open");
            }

            var end = to ?? scope.Today;
            foreach (var clock in suspended)
            {
                if (clock.EndSuspension(sid, end, user.UserName, scope.Now) is { } refusal)
                {
                    return Problems.Conflict(refusal.Message, refusal.Code);
                }
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.SuspensionEnded, user.UserName, sid.ToString(), null, new { to = CalendarJson.Format(end) },
                "Time limit resumed 恢复计时");
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "SuspensionEnded", $"Case {scope.Case.Number}: the special procedure has ended; the time limit runs again.");
            return null;
        }, scope => Results.Ok(new { clocks = scope.Clocks.Select(c => ClockView.From(c, scope.Calendar, scope.Day)).ToList() }), ct);
    }

    private static async Task<IResult> ExtendAsync(string id, HttpContext http, ClockOperations operations, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, bad) = await RequestJson.ReadAsync<ExtendRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        var errors = new Dictionary<string, string[]>();
        if (request.WorkingDays is not (>= 1 and <= Domain.Calendar.WorkingDayCalendar.MaxExtensionDays))
        {
            errors["workingDays"] = ["1–60 working days (the law allows +10 for one department, +15 for joint handling)."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["The applicant is told why (Art. 42)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await operations.RunAsync(id, user, headOnly: true, scope =>
        {
            var caseClock = scope.Clocks.FirstOrDefault(c => c.Kind == ClockKind.Case);
            if (caseClock is null)
            {
                return Problems.Conflict("The case has no running clock.", "clock.not-running");
            }

            var statutoryDue = caseClock.Deadlines(scope.Calendar).StatutoryDue;
            var statutoryEnd = statutoryDue is { } due ? scope.Day.EndOf(due) : (NodaTime.Instant?)null;
            if (caseClock.Extend(request.WorkingDays!.Value, user.UserName, request.Reason!, scope.Now, statutoryEnd) is { } refusal)
            {
                CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.ExtensionRefused, user.UserName, refusal.Code, request.Reason, new { request.WorkingDays, refusal.Message });
                return Problems.Conflict(refusal.Message, refusal.Code);
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.DeadlineExtended, user.UserName, null, request.Reason, new { request.WorkingDays },
                $"Time limit extended by {request.WorkingDays} working days 延长期限");
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "ExtensionNotice",
                $"Case {scope.Case.Number}: the time limit is extended by {request.WorkingDays} working days. Reason: {request.Reason}");
            return null;
        }, scope => Results.Ok(new { clocks = scope.Clocks.Select(c => ClockView.From(c, scope.Calendar, scope.Day)).ToList() }), ct);
    }
}
