using NodaTime;

namespace OneStop.Workflows.Domain.Supervision;

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
