using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// Issue 11: one activity execution by the id the Studio got from a list, a summary, a bookmark or a journal record
/// (<c>{instanceId}:{sequence}</c>); an id this server never gave is not found, as in Elsa.
/// </summary>
public sealed class FindActivityExecution(IWorkflowInstanceStore store, OneStopDbContext db)
{
    public sealed record Query(string Id);

    public async Task<Result<StudioActivityExecution>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (string.IsNullOrWhiteSpace(query.Id))
        {
            return Refusal.Invalid("id", "The activity execution ID is required.");
        }

        return StudioInstanceReader.InstanceOf(query.Id) is { } instanceId
            && await new StudioInstanceReader(store, db).ReadAsync(instanceId, ct) is { } view
            && view.ById.TryGetValue(query.Id, out var execution)
            ? execution
            : Refusal.NotFound("No activity execution has that id.");
    }
}
