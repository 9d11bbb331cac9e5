using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Approval.Designer;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>
/// The designer checks seen from the catalogue (ADR 0015): whether an item's fields and the published version of the flow it
/// names still agree (budgets within the promise, the promise within the statutory limit, the same departments). A change
/// that breaks the pair is stored, not refused, and every answer about the item carries the problems (<c>flowProblems</c>)
/// until the item or the flow is changed to agree; the flow's next publish is refused meanwhile.
/// </summary>
internal static class ItemFlowCheck
{
    /// <summary>The problems of the pair (empty when they agree, or when the flow has no published version that compiles).</summary>
    public static async Task<IReadOnlyList<ValidationError>> ProblemsAsync(string code, ServiceItemData data, OneStopDbContext db,
        IWorkflowDefinitionStore definitions, ActivityCatalogue catalogue, CancellationToken ct)
    {
        if (await definitions.FindPublishedAsync(data.WorkflowDefinitionId, ct) is not { } published)
        {
            return [];
        }

        var read = DefinitionReader.Read(published.Json, ct: ct);
        if (read.Document is null)
        {
            return [];
        }

        var compiled = WorkflowCompiler.Compile(read.Document, catalogue, new DefinitionIdentity(published.DefinitionId, published.Version, published.Id), read.RootPath, ct);
        if (!compiled.Succeeded)
        {
            return [];
        }

        var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
        return DesignerChecks.Check(DesignedFlow.From(read.Document, compiled.Workflow!, read.RootPath), [new ItemUsingFlow(code, data)], departments);
    }

    /// <summary>The response with its <c>flowProblems</c> (left out when there are none).</summary>
    public static ServiceItemResponse With(this ServiceItemResponse response, IReadOnlyList<ValidationError> problems) =>
        problems.Count == 0 ? response : response with { FlowProblems = problems };
}
