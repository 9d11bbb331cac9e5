using NodaTime;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>A case's clock (promised + statutory limits) or a department review's step clock.</summary>
public enum ClockKind
{
    Case,
    Step,
}

/// <summary>Special procedures whose time does not count (Licensing Law Art. 45), or a configured local type.</summary>
public enum SuspensionType
{
    Hearing,
    Tendering,
    Auction,
    Inspection,
    Testing,
    Quarantine,
    Appraisal,
    ExpertReview,
    Local,
}

/// <summary>One suspension of a clock; <see cref="To"/> is null while it lasts. Dates are inclusive.</summary>
public sealed record Suspension(
    Guid Id,
    SuspensionType Type,
    string? LocalType,
    LocalDate From,
    LocalDate? To,
    int ExpectedWorkingDays,
    string Notice,
    string StartedBy,
    Instant StartedAt,
    string? EndedBy = null,
    Instant? EndedAt = null)
{
    public bool IsOpen => To is null;
}

/// <summary>The one extension a case may get (Art. 42), approved before expiry.</summary>
public sealed record Extension(int WorkingDays, string ApprovedBy, string Reason, Instant At);

/// <summary>The level of a supervision signal (电子监察).</summary>
public enum SignalLevel
{
    /// <summary>预警: the prompt lead (default one working day) is left, or half the promised limit is consumed.</summary>
    Prompt,

    /// <summary>黄牌: the promise or a step budget is exceeded.</summary>
    Yellow,

    /// <summary>红牌: still open at the supervised-handling deadline, or the statutory limit is exceeded.</summary>
    Red,

    /// <summary>Not a card: an automatic action due at a moment (deemed acceptance, deemed consent).</summary>
    Action,
}

/// <summary>A signal a clock will raise at <see cref="DueAt"/> unless the subject is completed first.</summary>
/// <param name="Rule">A stable rule name, e.g. <c>case.promise.prompt</c>; unique per subject together with the level.</param>
/// <param name="Basis">Why, in words: the limit and the due day it derives from.</param>
public sealed record PlannedSignal(string Rule, SignalLevel Level, Instant DueAt, string Basis);

/// <summary>
/// The card ladder's settings in effect for a clock (domain-rules §3; the defaults here are the rules' defaults). The
/// centre's defaults are configured (<c>Supervision:Ladder:*</c>); a service item's
/// <see cref="Catalogue.ItemSupervision"/> block overrides any of them.
/// </summary>
/// <param name="PromptLeadWorkingDays">
/// 1: the prompt fires at the start of the due day; N: at the start of the working day N − 1 working days before it,
/// but never before the clock's first counted working day.
/// </param>
/// <param name="PromptAtHalfBudget">Case clocks also prompt when half the promised limit is consumed (<see cref="SignalRules.CaseHalf"/>).</param>
/// <param name="SupervisedHandlingWorkingDays">The supervised-handling (督办) deadline is the promised due day + this many working days.</param>
/// <param name="StepPrompts">Whether a review's step clock raises a prompt (its yellow card is raised regardless).</param>
public sealed record LadderSettings(int PromptLeadWorkingDays = 1, bool PromptAtHalfBudget = false, int SupervisedHandlingWorkingDays = 2, bool StepPrompts = true)
{
    /// <summary>The most working days a lead or a supervised-handling deadline may span: more is refused as absurd.</summary>
    public const int MaxWorkingDays = 30;

    public static LadderSettings Default { get; } = new();

    /// <summary>Every out-of-range value, as (field, message) pairs with camelCase field names; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        CheckWorkingDays(PromptLeadWorkingDays, "promptLeadWorkingDays", problems);
        CheckWorkingDays(SupervisedHandlingWorkingDays, "supervisedHandlingWorkingDays", problems);
        return problems;
    }

    internal static void CheckWorkingDays(int value, string field, List<(string, string)> problems)
    {
        if (value is < 1 or > MaxWorkingDays)
        {
            problems.Add((field, $"'{field}' must be between 1 and {MaxWorkingDays} working days (it is {value})."));
        }
    }
}

/// <summary>Stable rule names.</summary>
public static class SignalRules
{
    public const string CasePrompt = "case.promise.prompt";
    public const string CaseHalf = "case.promise.half";
    public const string CaseYellow = "case.promise.yellow";
    public const string CaseRed = "case.red";
    public const string StepPrompt = "step.prompt";
    public const string StepYellow = "step.yellow";
    public const string DeemedAcceptance = "case.deemed-acceptance";
    public const string DeemedConsent = "step.deemed-consent";

    /// <summary>The red card of <see cref="YellowAccumulationRule"/>: a department's k-th yellow card within the period.</summary>
    public const string YellowAccumulation = "supervision.yellow-accumulation";
}
