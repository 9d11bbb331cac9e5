using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>
/// Deemed decisions (视为受理, 视为同意) as action signals: deemed acceptance at the end of the 5th working day after
/// receipt (Licensing Law Art. 32) and deemed consent at the end of a review's deemed-consent days. Planned when the case
/// is received or the review opens; carried out as the task's decision by <see cref="SystemActor"/>, keyed by the signal
/// so that it is taken once.
/// </summary>
public static class DeemedActionRules
{
    /// <summary>Art. 32: an acceptance decision or a correction notice within 5 working days of receipt.</summary>
    public const int AcceptanceWorkingDays = 5;

    /// <summary>The instant a deemed action falls due: the end of the <paramref name="workingDays"/>-th working day after <paramref name="start"/>.</summary>
    public static Instant DueAt(WorkingDayCalendar calendar, CentreDay day, LocalDate start, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(day);
        return day.EndOf(calendar.Due(start, workingDays, TimeUnit.WorkingDays).Due);
    }

    /// <summary>A deemed consent belongs to its review's step clock; a deemed acceptance to the case (no clock runs yet).</summary>
    public static ClockKind SubjectKind(string rule) => Of(rule) ? ClockKind.Step : ClockKind.Case;

    /// <summary>The signal's basis (why, in words).</summary>
    public static string Basis(string rule, int workingDays) => Of(rule)
        ? $"No opinion within {workingDays} working days counts as consent."
        : $"No acceptance decision or correction notice within {AcceptanceWorkingDays} working days of receipt (Art. 32): deemed accepted.";

    /// <summary>The decision a due action takes: acceptance for a deemed acceptance, approval for a deemed consent.</summary>
    public static string Outcome(string rule) => Of(rule) ? Outcomes.Approved : Outcomes.Accepted;

    /// <summary>The resume input of the decision: the outcome, the basis as the opinion, by the system, marked deemed.</summary>
    public static JsonObject DecisionInput(string rule, string basis) => new()
    {
        [Approval.DecisionInput.Outcome] = Outcome(rule),
        [Approval.DecisionInput.Opinion] = basis,
        [Approval.DecisionInput.Actor] = SystemActor.Name,
        ["deemed"] = true,
    };

    /// <summary>The idempotency key of the decision that carries out a signal: the same signal never decides twice.</summary>
    public static string IdempotencyKey(SignalId signalId) => $"signal:{signalId.Value:N}";

    private static bool Of(string rule) => rule switch
    {
        SignalRules.DeemedConsent => true,
        SignalRules.DeemedAcceptance => false,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a deemed-action rule."),
    };
}
