using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>
/// Stores definition versions in <c>workflow_definitions</c>. Every call uses its own short-lived context,
/// so concurrent callers never share one.
/// </summary>
/// <remarks>A save makes this node's <see cref="CompiledWorkflowCache"/> forget the definition's remembered published version.</remarks>
public sealed class EfWorkflowDefinitionStore(IDbContextFactory<OneStopDbContext> contexts, CompiledWorkflowCache? workflows = null) : IWorkflowDefinitionStore
{
    public Task<StoredDefinition?> FindLatestAsync(string definitionId, CancellationToken ct) =>
        FirstAsync(q => q.Where(r => r.DefinitionId == definitionId && r.IsLatest).OrderByDescending(r => r.Version), ct);

    public Task<StoredDefinition?> FindVersionAsync(string definitionId, int version, CancellationToken ct) =>
        FirstAsync(q => q.Where(r => r.DefinitionId == definitionId && r.Version == version), ct);

    public Task<StoredDefinition?> FindPublishedAsync(string definitionId, CancellationToken ct) =>
        FirstAsync(q => q.Where(r => r.DefinitionId == definitionId && r.IsPublished).OrderByDescending(r => r.Version), ct);

    public Task<StoredDefinition?> FindByIdAsync(string versionId, CancellationToken ct) =>
        FirstAsync(q => q.Where(r => r.Id == versionId), ct);

    public async Task SaveAsync(DefinitionChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var version = change.Version;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (change.IsNew)
            {
                db.Definitions.Add(WorkflowDefinitionRow.From(version));
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // A published version is never changed: if the draft was published meanwhile, the caller decides again.
                var expected = change.ExpectedJson;
                var updated = await db.Definitions
                    .Where(r => r.Id == version.Id && r.DefinitionId == version.DefinitionId && !r.IsPublished && (expected == null || r.Json == expected))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Name, version.Name)
                        .SetProperty(r => r.IsPublished, version.IsPublished)
                        .SetProperty(r => r.IsLatest, version.IsLatest)
                        .SetProperty(r => r.Json, version.Json)
                        .SetProperty(r => r.UpdatedAt, version.UpdatedAt), ct);
                if (updated == 0)
                {
                    throw new ConcurrencyConflictException($"Draft {version.Id} of definition '{version.DefinitionId}' is gone or was published meanwhile.");
                }
            }

            var others = db.Definitions.Where(r => r.DefinitionId == version.DefinitionId && r.Id != version.Id);
            await others.Where(r => r.IsLatest).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsLatest, false), ct);
            if (change.UnpublishOthers)
            {
                await others.Where(r => r.IsPublished).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, false), ct);
            }

            if (change.Audit is { } audit)
            {
                // Issue 11: the save and its audit event commit together.
                db.AuditEvents.Add(new Domain.Audit.AuditEvent(version.UpdatedAt, audit.Actor, audit.Action, null, version.DefinitionId, audit.Details, null));
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            workflows?.ForgetPublished(version.DefinitionId);
        }
        catch (Exception ex) when (ex is not ConcurrencyConflictException && DatabaseErrors.IsConflict(ex))
        {
            throw new ConcurrencyConflictException($"Definition '{version.DefinitionId}' v{version.Version} clashed with a concurrent save.", ex);
        }
    }

    private async Task<StoredDefinition?> FirstAsync(Func<IQueryable<WorkflowDefinitionRow>, IQueryable<WorkflowDefinitionRow>> query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await query(db.Definitions.AsNoTracking()).FirstOrDefaultAsync(ct);
        return row?.ToStored();
    }
}
