using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>What one workflow step of a case's instance did: its bookmarks, effects, attached context and the instance's status.</summary>
/// <param name="Resumed">True for a resume (the step had an expected version); false for the start step.</param>
public sealed record CaseStepFacts(
    WorkflowInstanceId InstanceId,
    bool Resumed,
    IReadOnlyList<Bookmark> CreatedBookmarks,
    IReadOnlyList<BookmarkId> RemovedBookmarks,
    IReadOnlyList<StepEffect> Effects,
    object? Context,
    WorkflowStatus InstanceStatus)
{
    /// <summary>The facts of an engine step commit.</summary>
    public static CaseStepFacts From(StepCommit commit) => new(commit.Instance.Id, commit.ExpectedVersion is not null, commit.CreatedBookmarks,
        commit.RemovedBookmarks, commit.Effects ?? [], commit.Context, commit.Instance.State.Status);

    /// <summary>
    /// Second line of defence: a case's steps are resumed only through its tasks and corrections.
    /// </summary>
    /// <exception cref="StepRefusedException">Code <c>instance.case-owned</c> for any other resume.</exception>
    public void EnsureCaseOwned()
    {
        if (Resumed && Context is not (DecideTaskContext or CorrectionsContext))
        {
            throw new StepRefusedException("instance.case-owned", "A case's workflow is resumed only by deciding its tasks or recording corrections.");
        }
    }
}
