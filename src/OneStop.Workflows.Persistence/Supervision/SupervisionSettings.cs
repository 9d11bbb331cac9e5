using Microsoft.Extensions.Configuration;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// The centre-wide supervision rules from configuration, read once at start-up: the card ladder's defaults
/// (<c>Supervision:Ladder:*</c>) and yellow-card accumulation (<c>Supervision:YellowToRed:*</c>). A bad value stops the
/// server with a message naming the setting.
/// </summary>
public static class SupervisionSettings
{
    public const string LadderSection = "Supervision:Ladder";

    public const string YellowToRedSection = "Supervision:YellowToRed";

    /// <summary>
    /// <c>PromptLeadWorkingDays</c> (1), <c>PromptAtHalfBudget</c> (false), <c>SupervisedHandlingWorkingDays</c> (2) and
    /// <c>StepPrompts</c> (true) of <c>Supervision:Ladder</c>; each absent one takes the default in brackets.
    /// </summary>
    public static LadderSettings LadderDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LadderSection);
        var d = LadderSettings.Default;
        var settings = new LadderSettings(
            Read<int>(section, LadderSection, "PromptLeadWorkingDays", int.TryParse, d.PromptLeadWorkingDays),
            Read<bool>(section, LadderSection, "PromptAtHalfBudget", bool.TryParse, d.PromptAtHalfBudget),
            Read<int>(section, LadderSection, "SupervisedHandlingWorkingDays", int.TryParse, d.SupervisedHandlingWorkingDays),
            Read<bool>(section, LadderSection, "StepPrompts", bool.TryParse, d.StepPrompts));
        var problems = settings.Problems();
        return problems.Count == 0
            ? settings
            : throw new InvalidOperationException(string.Join(" ", problems.Select(p => $"{LadderSection}:{char.ToUpperInvariant(p.Field[0])}{p.Field[1..]}: {p.Message}")));
    }

    /// <summary><c>Count</c> (0 = off, the default) and <c>PeriodDays</c> of <c>Supervision:YellowToRed</c>.</summary>
    public static YellowAccumulationRule YellowToRed(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(YellowToRedSection);
        var rule = new YellowAccumulationRule(
            Read<int>(section, YellowToRedSection, "Count", int.TryParse, 0),
            Read<int>(section, YellowToRedSection, "PeriodDays", int.TryParse, 0));
        var problems = rule.Problems();
        return problems.Count == 0
            ? rule
            : throw new InvalidOperationException(string.Join(" ", problems.Select(p => $"{YellowToRedSection}:{p.Setting} {p.Message}")));
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Read<T>(IConfigurationSection section, string name, string key, TryParse<T> parse, T fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return parse(text.Trim(), out var value)
            ? value
            : throw new InvalidOperationException($"{name}:{key} is '{text}', which is not a valid {typeof(T).Name.ToLowerInvariant()}.");
    }
}
