using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: what the designer's toolbox offers (designers, administrators, supervisors): every activity of the catalogue, and
/// the departments a review may name — the active ones, without the units that only group others (e.g. the city government).
/// </summary>
public sealed class GetDesignerCatalogue(ActivityCatalogue catalogue, OneStopDbContext db)
{
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
        return new Response(catalogue.Descriptors, reviewing);
    }
}
