using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>
/// A deemed-action signal to plan (deemed acceptance of the case, deemed consent of a review): an action-level signal
/// due at the end of the last working day.
/// </summary>
/// <param name="SubjectId">The case id (deemed acceptance) or the review task id (deemed consent).</param>
/// <param name="ClockId">The review's step clock for a deemed consent; null for a deemed acceptance (no clock runs before acceptance).</param>
public sealed record DeemedActionSignal(Guid CaseId, Guid SubjectId, ClockId? ClockId, ClockKind SubjectKind, string Rule, Instant DueAt, string Basis)
{
    /// <summary>Always <see cref="SignalLevel.Action"/>: the signal carries the action out when due.</summary>
    public SignalLevel Level => SignalLevel.Action;
}

/// <summary>A pending deemed-action signal the step withdraws: a decision or a correction notice came first.</summary>
public sealed record WithdrawnDeemedAction(Guid SubjectId, string Rule);

/// <summary>The deemed-action signals a step plans; their due instant, basis and subject kind follow <see cref="DeemedActionRules"/>.</summary>
public static class DeemedActions
{
    /// <summary>Licensing Law Art. 32: an acceptance decision or a correction notice within 5 working days.</summary>
    public const int AcceptanceWorkingDays = DeemedActionRules.AcceptanceWorkingDays;

    /// <summary>Deemed acceptance: 5 working days after the receipt date.</summary>
    public static DeemedActionSignal Acceptance(Case c, WorkingDayCalendar calendar, CentreDay day) =>
        Plan(c.Id.Value, c.Id.Value, null, SignalRules.DeemedAcceptance, c.ReceiptDate, AcceptanceWorkingDays, calendar, day);

    /// <summary>Deemed consent: the review's deemed-consent days after the day it opened.</summary>
    public static DeemedActionSignal Consent(ApprovalTask review, ClockId? clockId, int days, LocalDate opened, WorkingDayCalendar calendar, CentreDay day) =>
        Plan(review.CaseId.Value, review.Id.Value, clockId, SignalRules.DeemedConsent, opened, days, calendar, day);

    private static DeemedActionSignal Plan(Guid caseId, Guid subjectId, ClockId? clockId, string rule, LocalDate start, int days, WorkingDayCalendar calendar, CentreDay day) =>
        new(caseId, subjectId, clockId, DeemedActionRules.SubjectKind(rule), rule, DeemedActionRules.DueAt(calendar, day, start, days), DeemedActionRules.Basis(rule, days));
}
