using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>Saves a claim or transfer; the task's version check turns a concurrent change into a refusal.</summary>
internal static class TaskSave
{
    public static async Task<Result<TaskView>> SaveAsync(OneStopDbContext db, ApprovalTask task, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return TaskView.From(task);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict("The task changed meanwhile (decided, claimed or transferred); read it again.", RefusalCodes.TaskConcurrentChange);
        }
    }
}
