using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Testing.Builders;

/// <summary>Clocks for tests: a case's clock from its acceptance date under its item's limits, or a review's step clock.</summary>
public static class ClockBuilder
{
    /// <summary>The case clock as the case step starts it on acceptance.</summary>
    public static Clock CaseClock(Case c, ServiceItem item) =>
        new(ClockId.New(), c.Id, null, ClockKind.Case, c.AcceptanceDate ?? throw new InvalidOperationException("The case is not accepted."),
            item.Data.PromisedLimit, item.Data.StatutoryLimit, item.Data.StatutoryExtension, c.AcceptedAt!.Value);

    /// <summary>The step clock of <paramref name="review"/>, started on <paramref name="opened"/>.</summary>
    public static Clock StepClock(ApprovalTask review, LocalDate opened) =>
        new(ClockId.New(), review.CaseId, review.Id, ClockKind.Step, opened, TimeLimit.WorkingDays(review.TimeLimitWorkingDays ?? 5), null, null, review.CreatedAt);
}
