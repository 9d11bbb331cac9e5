using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Testing.Builders;

namespace OneStop.Workflows.Domain.Tests.Cases.Steps;

/// <summary>Runs the case step on a working set made with the builders, with the shipped calendar and the default centre.</summary>
internal static class CaseStepHarness
{
    /// <summary>2025-11-11T10:00 in the centre: the day after <see cref="CaseBuilder.ReceivedAt"/>.</summary>
    public static readonly Instant Now = Instant.FromUtc(2025, 11, 11, 2, 0);

    public static readonly CentreDay Day = new(CentreTimeZone.Default);

    public static CaseChangeSet Run(Case c, ServiceItem item, StepFactsBuilder facts, IEnumerable<ApprovalTask>? tasks = null,
        IEnumerable<CorrectionNotice>? notices = null, IEnumerable<Clock>? clocks = null, Instant? now = null)
    {
        var at = now ?? Now;
        var set = new CaseWorkingSet(c, false, [.. tasks ?? []], [.. notices ?? []], [.. clocks ?? []], item);
        return CaseStep.Run(set, facts.Build(), CaseBuilder.DateOf(at), at, "Log", WorkingDayCalendar.Shipped, Day);
    }

    public static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    public static Instant I(string iso) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(iso).GetValueOrThrow();
}
