using NodaTime;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>
/// Yellow-card accumulation (黄牌累积转红牌), the optional centre-wide rule "k yellow cards within a period → red card"
/// (domain-rules §3: no source has it, so it is off by default). Counted per department — a review's department for a
/// step yellow card, the case's lead department for a case yellow card — over the last <see cref="PeriodDays"/> calendar
/// days in the centre's zone, the day of the new card included. The yellow card that brings the count to
/// <see cref="Count"/>, 2 × <see cref="Count"/>, … raises one red card (<see cref="SignalRules.YellowAccumulation"/>) on
/// that card's own subject.
/// </summary>
/// <param name="Count">k; 0 = off. Otherwise 2 to <see cref="MaxCount"/>.</param>
/// <param name="PeriodDays">The period in calendar days, 1 to <see cref="MaxPeriodDays"/>; 1 = the same day only.</param>
public sealed record YellowAccumulationRule(int Count, int PeriodDays)
{
    public const int MaxCount = 100;

    public const int MaxPeriodDays = 366;

    public static YellowAccumulationRule Off { get; } = new(0, 0);

    public bool IsOn => Count > 0;

    /// <summary>Every problem as (setting, message), the setting named <c>Count</c> or <c>PeriodDays</c>; empty when valid.</summary>
    public IReadOnlyList<(string Setting, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Count == 0)
        {
            return problems;
        }

        if (Count is < 2 or > MaxCount)
        {
            problems.Add(("Count", $"is {Count}; use 0 (off) or 2 to {MaxCount} (with 1 every yellow card would also be a red card)."));
        }

        if (PeriodDays is < 1 or > MaxPeriodDays)
        {
            problems.Add(("PeriodDays", $"is {PeriodDays}; with the rule on, use 1 to {MaxPeriodDays} calendar days."));
        }

        return problems;
    }

    /// <summary>The first day of the period that ends on <paramref name="firedOn"/> (both inclusive).</summary>
    public LocalDate PeriodStart(LocalDate firedOn) => firedOn.PlusDays(1 - PeriodDays);

    /// <summary>
    /// Which of newly fired yellow cards raise a red card. In the order given (the order they fired: due instant, then
    /// id), each adds one to its department's count, which starts at <paramref name="earlier"/> (the department's yellow
    /// cards fired earlier within the period); a card that brings the count to a multiple of <see cref="Count"/> raises one.
    /// </summary>
    /// <returns>Those cards, each with its department's count including it.</returns>
    public IReadOnlyList<(T Yellow, string Department, int Count)> Raising<T>(IEnumerable<(T Yellow, string Department)> ordered, IReadOnlyDictionary<string, int> earlier)
    {
        if (!IsOn)
        {
            return [];
        }

        var counts = new Dictionary<string, int>(earlier, StringComparer.Ordinal);
        var raising = new List<(T, string, int)>();
        foreach (var (yellow, department) in ordered)
        {
            var count = counts[department] = counts.GetValueOrDefault(department) + 1;
            if (count % Count == 0)
            {
                raising.Add((yellow, department, count));
            }
        }

        return raising;
    }

    /// <summary>
    /// The red cards to raise for <paramref name="raising"/> (from <see cref="Raising{T}"/>), each with its basis: one per
    /// subject, none for a subject already <paramref name="carrying"/> an accumulation red card.
    /// </summary>
    public IReadOnlyList<(T Yellow, string Basis)> RedCards<T>(
        IEnumerable<(T Yellow, string Department, int Count)> raising, Func<T, Guid> subjectOf, IReadOnlySet<Guid> carrying, LocalDate firedOn)
    {
        ArgumentNullException.ThrowIfNull(raising);
        ArgumentNullException.ThrowIfNull(subjectOf);
        var taken = new HashSet<Guid>(carrying);
        return raising.Where(r => taken.Add(subjectOf(r.Yellow))).Select(r => (r.Yellow, Basis(r.Department, r.Count, firedOn))).ToList();
    }

    /// <summary>The red card's basis: the department, the count and the period.</summary>
    public string Basis(string department, int count, LocalDate firedOn) =>
        $"Red card: yellow card no. {count} of department '{department}' within {PeriodDays} day(s) " +
        $"({PeriodStart(firedOn):uuuu-MM-dd}..{firedOn:uuuu-MM-dd}); every {Count} yellow cards within that period make a red card.";
}
