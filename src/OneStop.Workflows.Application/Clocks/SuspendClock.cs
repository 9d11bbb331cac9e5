using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence.Approval;

namespace OneStop.Workflows.Application.Clocks;

/// <summary>
/// Suspends the case's running clocks for a special procedure (Art. 45, 中止计时), by the lead department's window or head;
/// audited, and the applicant is notified.
/// </summary>
public sealed class SuspendClock(ClockOperations operations)
{
    /// <param name="From">The first suspended day; today in the centre when null.</param>
    public sealed record Command(string CaseId, SuspensionType? Type, string? LocalType, LocalDate? From, int? ExpectedWorkingDays, string? Notice);

    /// <summary>The command's input problems by field, with their codes (empty when it is well formed).</summary>
    public static Dictionary<string, FieldError[]> CheckFields(Command command)
    {
        var errors = new Dictionary<string, FieldError[]>();
        if (command.Type is null)
        {
            errors["type"] = [new FieldError(FieldErrorCodes.SuspensionTypeInvalid, $"One of {string.Join(", ", Enum.GetNames<SuspensionType>())}.")
                .With("types", string.Join(", ", Enum.GetNames<SuspensionType>()))];
        }
        else if (command.Type == SuspensionType.Local && string.IsNullOrWhiteSpace(command.LocalType))
        {
            errors["localType"] = [new(FieldErrorCodes.SuspensionLocalTypeRequired, "A local suspension type names the procedure.")];
        }

        if (command.ExpectedWorkingDays is not (>= 1 and <= 365))
        {
            errors["expectedWorkingDays"] = [new FieldError(FieldErrorCodes.SuspensionDaysRange, "The expected length in working days (1–365), as written in the notice.").With("max", 365)];
        }

        if (string.IsNullOrWhiteSpace(command.Notice))
        {
            errors["notice"] = [new(FieldErrorCodes.SuspensionNoticeRequired, "The written notice to the applicant is required (Art. 45).")];
        }

        return errors;
    }

    public async Task<Result<SuspensionStarted>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (CheckFields(command) is { Count: > 0 } errors)
        {
            return Refusal.Invalid(errors);
        }

        var suspensionId = SequentialGuid.New();
        return await operations.RunAsync(command.CaseId, actor, headOnly: false, scope =>
        {
            if (scope.Clocks.Count == 0)
            {
                return Refusal.Conflict("The case has no running clock (not accepted yet, or completed).", RefusalCodes.ClockNotRunning);
            }

            var start = command.From ?? scope.Today;
            foreach (var clock in scope.Clocks)
            {
                if (clock.Suspend(suspensionId, command.Type!.Value, command.LocalType, start, command.ExpectedWorkingDays!.Value, command.Notice!, actor.UserName, scope.Now) is { } refusal)
                {
                    return refusal;
                }
            }

            CaseRecords.Audit(scope.Db, scope.Case, scope.Now, AuditActions.ClockSuspended, actor.UserName, suspensionId.ToString(), command.Notice,
                new { command.Type, command.LocalType, from = IsoDate.Format(start), command.ExpectedWorkingDays },
                $"Time limit suspended 中止计时: {command.Type} {command.LocalType}, expected {command.ExpectedWorkingDays} working days".Trim());
            CaseRecords.Notify(scope.Db, scope.Case, scope.Now, scope.Channel, "SuspensionNotice", $"Case {scope.Case.Number}: {command.Notice}");
            return null;
        }, scope => new SuspensionStarted(suspensionId.ToString(), scope.Views()), ct);
    }
}
