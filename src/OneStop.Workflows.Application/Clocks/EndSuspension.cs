using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence.Approval;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>Ends an open suspension (the lead department's window or head): the clocks resume with what was left; audited, and the applicant is notified.</summary>
public sealed class EndSuspension(ClockOperations operations)
{
    /// <param name="To">The last suspended day; today in the centre when null.</param>
    public sealed record Command(string CaseId, string SuspensionId, LocalDate? To);

    public async Task<Result<CaseClocks>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (!Guid.TryParse(command.SuspensionId, out var sid))
        {
            return Refusal.NotFound("No such suspension.");
        }

        return await operations.RunAsync(command.CaseId, actor, headOnly: false, scope =>
        {
            var suspended = scope.Clocks.Where(c => c.Suspensions.Any(s => s.Id == sid && s.IsOpen)).ToList();
            if (suspended.Count == 0)
            {
                return Refusal.Conflict("No open suspension with that id on this case.", RefusalCodes.SuspensionNotOpen);
            }

            var end = command.To ?? scope.Today;
            foreach (var clock in suspended)
            {
                if (clock.EndSuspension(sid, end, actor.UserName, scope.Now) is { } refusal)
                {
                    return refusal;
                }
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.SuspensionEnded, actor.UserName, sid.ToString(), null, new { to = IsoDate.Format(end) },
                "Time limit resumed 恢复计时");
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "SuspensionEnded", $"Case {scope.Case.Number}: the special procedure has ended; the time limit runs again.");
            return null;
        }, scope => new CaseClocks(scope.Views()), ct);
    }
}
