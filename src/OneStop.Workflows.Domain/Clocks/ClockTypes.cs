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
    /// <summary>预警: one working day left.</summary>
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

/// <summary>The card ladder's settings (defaults from domain-rules §3; per service item configurable).</summary>
public sealed record LadderSettings(int SupervisedHandlingWorkingDays = 2, bool PromptAtHalfBudget = false)
{
    public static LadderSettings Default { get; } = new();
}

/// <summary>Stable rule names.</summary>
public static class SignalRules
{
    public const string CasePrompt = "case.promise.prompt";
    public const string CaseYellow = "case.promise.yellow";
    public const string CaseRed = "case.red";
    public const string StepPrompt = "step.prompt";
    public const string StepYellow = "step.yellow";
    public const string DeemedAcceptance = "case.deemed-acceptance";
    public const string DeemedConsent = "step.deemed-consent";
}
