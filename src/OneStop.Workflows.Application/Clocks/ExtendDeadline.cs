using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence.Approval;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>The lead department's head extends the statutory limit once, before it expires (Art. 42); audited, a refusal too.</summary>
public sealed class ExtendDeadline(ClockOperations operations)
{
    public sealed record Command(string CaseId, int? WorkingDays, string? Reason);

    public async Task<Result<CaseClocks>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, FieldError[]>();
        if (command.WorkingDays is not (>= 1 and <= WorkingDayCalendar.MaxExtensionDays))
        {
            errors["workingDays"] = [new FieldError(FieldErrorCodes.ExtensionDaysRange, "1–60 working days (the law allows +10 for one department, +15 for joint handling).")
                .With("max", WorkingDayCalendar.MaxExtensionDays)];
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            errors["reason"] = [new(FieldErrorCodes.ExtensionReasonRequired, "The applicant is told why (Art. 42).")];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        return await operations.RunAsync(command.CaseId, actor, headOnly: true, scope =>
        {
            var caseClock = scope.Clocks.FirstOrDefault(c => c.Kind == ClockKind.Case);
            if (caseClock is null)
            {
                return Refusal.Conflict("The case has no running clock.", RefusalCodes.ClockNotRunning);
            }

            var statutoryDue = caseClock.Deadlines(scope.Calendar).StatutoryDue;
            var statutoryEnd = statutoryDue is { } due ? scope.Day.EndOf(due) : (Instant?)null;
            if (caseClock.Extend(command.WorkingDays!.Value, actor.UserName, command.Reason!, scope.Now, statutoryEnd) is { } refusal)
            {
                scope.KeepOnRefusal(db => CaseRecords.Audit(db, scope.Case, scope.Now, AuditActions.ExtensionRefused, actor.UserName, refusal.Code, command.Reason,
                    new { command.WorkingDays, refusal.Message }));
                return refusal;
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.DeadlineExtended, actor.UserName, null, command.Reason, new { command.WorkingDays },
                $"Time limit extended by {command.WorkingDays} working days 延长期限");
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "ExtensionNotice",
                $"Case {scope.Case.Number}: the time limit is extended by {command.WorkingDays} working days. Reason: {command.Reason}");
            return null;
        }, scope => new CaseClocks(scope.Views()), ct);
    }
}
