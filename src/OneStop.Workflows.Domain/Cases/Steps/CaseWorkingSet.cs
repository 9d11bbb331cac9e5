using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>
/// What a case step reads: the case, its tasks, its unanswered correction notices, its clocks and its service item.
/// The step changes these objects in place and lists what it created in the <see cref="CaseChangeSet"/>.
/// </summary>
/// <param name="IsNew">The case is being submitted by this step (not stored yet).</param>
public sealed record CaseWorkingSet(
    Case Case,
    bool IsNew,
    IReadOnlyList<ApprovalTask> Tasks,
    IReadOnlyList<CorrectionNotice> OpenNotices,
    IReadOnlyList<Clock> Clocks,
    ServiceItem? Item)
{
    /// <summary>The working set of a case submitted by the step: nothing else exists yet.</summary>
    public static CaseWorkingSet ForSubmission(Case submitted, ServiceItem? item) => new(submitted, true, [], [], [], item);
}
