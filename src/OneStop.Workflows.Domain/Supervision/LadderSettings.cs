using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Supervision;

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
    public IReadOnlyList<(string Field, string Message)> Problems() => Errors().Select(p => (p.Field, p.Error.Message)).ToList();

    /// <summary>Every out-of-range value with its code (ADR 0017); empty when valid.</summary>
    public IReadOnlyList<(string Field, FieldError Error)> Errors()
    {
        var problems = new List<(string, FieldError)>();
        CheckWorkingDays(PromptLeadWorkingDays, "promptLeadWorkingDays", problems);
        CheckWorkingDays(SupervisedHandlingWorkingDays, "supervisedHandlingWorkingDays", problems);
        return problems;
    }

    internal static void CheckWorkingDays(int value, string field, List<(string, FieldError)> problems)
    {
        if (value is < 1 or > MaxWorkingDays)
        {
            problems.Add((field, new FieldError(FieldErrorCodes.WorkingDaysRange, $"'{field}' must be between 1 and {MaxWorkingDays} working days (it is {value}).")
                .With("min", 1).With("max", MaxWorkingDays).With("value", value)));
        }
    }
}
