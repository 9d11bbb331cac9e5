using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Features.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Ends an open suspension: the clocks resume with what was left; audited, and the applicant is notified.</summary>
public static class EndSuspension
{
    public sealed record EndRequest(string? To);

    public static RouteGroupBuilder MapEndSuspension(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id}/suspensions/{suspensionId}/end", HandleAsync).RequireAuthorization(Policies.Staff).WithName("EndSuspension")
            .WithSummary("End a suspension: the clocks resume with what was left.").Accepts<EndRequest>("application/json");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, string suspensionId, HttpContext http, ClockOperations operations, CancellationToken ct)
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
}
