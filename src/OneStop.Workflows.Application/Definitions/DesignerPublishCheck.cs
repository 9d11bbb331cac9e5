using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Approval.Designer;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// The designer checks at publish (issue 11 §4, ADR 0015): loads the catalogue's departments and the service items that name
/// the definition (read-only, one query each, outside the save's transaction) and runs <see cref="DesignerChecks"/>.
/// Registered as the <see cref="IPublishCheck"/> of <see cref="DefinitionService"/>, so the REST publish, the Studio's publish
/// and the start-up import of <c>workflows/</c> all pass through it.
/// </summary>
public sealed class DesignerPublishCheck(IDbContextFactory<OneStopDbContext> factory) : IPublishCheck
{
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(PublishCandidate candidate, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
        var items = await ItemsUsingAsync(db, candidate.DefinitionId, ct);
        return DesignerChecks.Check(DesignedFlow.From(candidate.Document, candidate.Workflow, candidate.RootPath), items, departments);
    }

    /// <summary>
    /// The items whose <c>workflowDefinitionId</c> is <paramref name="definitionId"/>. The catalogue fields are one JSON column, so
    /// the items are read in one query and filtered here (a centre's catalogue is hundreds of rows; publishing is rare).
    /// </summary>
    internal static async Task<List<ItemUsingFlow>> ItemsUsingAsync(OneStopDbContext db, string definitionId, CancellationToken ct) =>
        (await db.ServiceItems.AsNoTracking().ToListAsync(ct))
            .Where(i => i.Data.WorkflowDefinitionId == definitionId)
            .Select(i => new ItemUsingFlow(i.Code, i.Data))
            .ToList();
}
