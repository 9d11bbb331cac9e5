using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>
/// Writes the domain changes of a workflow step (tasks from bookmarks, case changes from effects, audit) into
/// the step's own transaction, after the instance's version check passed and before the commit.
/// </summary>
/// <remarks>
/// Writers add or change entities on <paramref name="db"/> (the store saves them) or run set-based
/// updates; they may read. To refuse the step for a business reason they throw
/// <see cref="StepRefusedException"/>, which rolls everything back.
/// </remarks>
public interface IStepWriter
{
    Task WriteAsync(OneStopDbContext db, StepCommit commit, CancellationToken ct);
}
