using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>The lead department's head extends the statutory limit once, before it expires (Art. 42); audited, a refusal too.</summary>
public static class ExtendDeadline
{
    public sealed record ExtendRequest(int? WorkingDays, string? Reason);

    public static RouteGroupBuilder MapExtendDeadline(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/extensions", HandleAsync).RequireAuthorization(Policies.Staff).WithName("ExtendDeadline")
            .WithSummary("Extend the statutory limit once, before it expires; approved by the lead department's head.").Accepts<ExtendRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, ClockOperations operations, CancellationToken ct)
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
