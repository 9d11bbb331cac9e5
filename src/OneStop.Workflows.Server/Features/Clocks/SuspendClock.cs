using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Features.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Suspends the case's running clocks for a special procedure (Art. 45, 中止计时); audited, and the applicant is notified.</summary>
public static class SuspendClock
{
    public sealed record SuspendRequest(SuspensionType? Type, string? LocalType, string? From, int? ExpectedWorkingDays, string? Notice);

    public static RouteGroupBuilder MapSuspendClock(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/suspensions", HandleAsync).RequireAuthorization(Policies.Staff).WithName("SuspendClock")
            .WithSummary("Suspend the case's running clocks for a special procedure (Art. 45); the applicant is notified.")
            .Accepts<SuspendRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, ClockOperations operations, CancellationToken ct)
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
}
