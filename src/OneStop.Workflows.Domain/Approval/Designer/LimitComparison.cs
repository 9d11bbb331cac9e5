using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Approval.Designer;

/// <summary>
/// Whether one time limit fits within another, across units. In the same unit the numbers compare. Across units no start date
/// is known, so the comparison uses what always holds: N working days take at least N calendar days (the start day is not
/// counted, and a working day is a calendar day). A working-day figure over a calendar-day limit of a smaller number
/// therefore overruns whatever day the case starts, and is refused; anything else across units may fit, depending on the
/// weekends and holidays the case meets, and is accepted: the case's own clock watches both limits (ADR 0015).
/// </summary>
public static class LimitComparison
{
    /// <summary>False only when <paramref name="part"/> certainly does not fit within <paramref name="limit"/>.</summary>
    public static bool Fits(TimeLimit part, TimeLimit limit) =>
        part.Unit == limit.Unit || part.Unit == TimeUnit.WorkingDays ? part.Value <= limit.Value : true;

    public static string Chinese(TimeLimit limit) => $"{limit.Value} 个{(limit.Unit == TimeUnit.WorkingDays ? "工作日" : "自然日")}";

    public static string English(TimeLimit limit) => $"{limit.Value} {(limit.Unit == TimeUnit.WorkingDays ? "working" : "calendar")} days";

    /// <summary>The reason a cross-unit overrun is certain, or nothing in the same unit.</summary>
    internal static string ChineseWhy(TimeLimit part, TimeLimit limit) =>
        part.Unit == limit.Unit ? string.Empty : $"（{part.Value} 个工作日至少跨 {part.Value} 个自然日）";

    internal static string EnglishWhy(TimeLimit part, TimeLimit limit) =>
        part.Unit == limit.Unit ? string.Empty : $"; {part.Value} working days take at least {part.Value} calendar days";
}
