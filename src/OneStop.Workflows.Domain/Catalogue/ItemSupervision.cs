using OneStop.Workflows.Domain.Clocks;

using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Catalogue;

/// <summary>
/// A service item's own ladder settings (its catalogue entry's <c>supervision</c> block): each value left null takes the
/// centre's default, so an item overrides only what it must. See <see cref="LadderSettings"/> for the meaning of each.
/// </summary>
public sealed record ItemSupervision(
    int? PromptLeadWorkingDays = null,
    bool? PromptAtHalfBudget = null,
    int? SupervisedHandlingWorkingDays = null,
    bool? StepPrompts = null)
{
    /// <summary>The field name of the block in the catalogue JSON (and in validation paths).</summary>
    public const string Field = "supervision";

    /// <summary>The settings in effect: this block's values where set, else the centre's.</summary>
    public LadderSettings Over(LadderSettings centre) => new(
        PromptLeadWorkingDays ?? centre.PromptLeadWorkingDays,
        PromptAtHalfBudget ?? centre.PromptAtHalfBudget,
        SupervisedHandlingWorkingDays ?? centre.SupervisedHandlingWorkingDays,
        StepPrompts ?? centre.StepPrompts);

    /// <summary>True when the block sets nothing (it then means the same as no block).</summary>
    public bool SetsNothing() => PromptLeadWorkingDays is null && PromptAtHalfBudget is null && SupervisedHandlingWorkingDays is null && StepPrompts is null;

    /// <summary>Every out-of-range value, with its JSON path (<c>supervision.promptLeadWorkingDays</c> …); empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems() => Errors().Select(p => (p.Field, p.Error.Message)).ToList();

    /// <summary>Every out-of-range value with its code (ADR 0017); empty when valid.</summary>
    public IReadOnlyList<(string Field, FieldError Error)> Errors()
    {
        var problems = new List<(string, FieldError)>();
        if (PromptLeadWorkingDays is { } lead)
        {
            LadderSettings.CheckWorkingDays(lead, $"{Field}.promptLeadWorkingDays", problems);
        }

        if (SupervisedHandlingWorkingDays is { } supervised)
        {
            LadderSettings.CheckWorkingDays(supervised, $"{Field}.supervisedHandlingWorkingDays", problems);
        }

        return problems;
    }
}
