using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: what the designer's toolbox offers (designers, administrators, supervisors): every activity of the catalogue, and
/// the departments a review may name — the active ones, without the units that only group others (e.g. the city government).
/// Only the <see cref="ToolboxCategories"/> are browsable: the engine's other built-ins (Primitives: Event, Finish; Console:
/// Write Line) are described, so that a flow that has them (the engine's fork-join sample) still draws, but not offered — in a
/// case's flow an Event waits on a bookmark no task or page of the centre resumes (the case would stall until its cards go red),
/// Finish ends the flow with its reviews cancelled and no completion, and Write Line writes only into the engine's journal.
/// </summary>
public sealed class GetDesignerCatalogue(ActivityCatalogue catalogue, OneStopDbContext db)
{
    /// <summary>The categories the toolbox offers: ours (Approval), Fork and Join (Branching), Start and End (Flow).</summary>
    public static readonly IReadOnlySet<string> ToolboxCategories = new HashSet<string>(StringComparer.Ordinal) { "Approval", "Branching", "Flow" };

    public sealed record Query;

    /// <summary>A department a review may name: its code (the input's value) and its names.</summary>
    public sealed record ReviewingDepartment(string Code, string ChineseName, string EnglishName);

    public sealed record Response(IReadOnlyList<ActivityDescriptor> Activities, IReadOnlyList<ReviewingDepartment> Departments);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        var parents = departments.Where(d => d.ParentCode is not null).Select(d => d.ParentCode!).ToHashSet(StringComparer.Ordinal);
        var reviewing = departments.Where(d => d.IsActive && !parents.Contains(d.Code)).Select(d => new ReviewingDepartment(d.Code, d.ChineseName, d.EnglishName)).ToList();
        var activities = catalogue.Descriptors.Select(d => ToolboxCategories.Contains(d.Category) ? d : d with { IsBrowsable = false }).ToList();
        return new Response(activities, reviewing);
    }
}
