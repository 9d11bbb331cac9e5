using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>Every stored workflow definition, one row each (designers, administrators): the service-item editor's flow picker.</summary>
public sealed class ListDefinitions(OneStopDbContext db)
{
    public sealed record Query;

    /// <param name="DefinitionId">The id a service item names (<c>workflowDefinitionId</c>).</param>
    /// <param name="Name">The latest version's name (null when it has none).</param>
    /// <param name="PublishedVersion">The version new cases run, or null when none is published (a case cannot be submitted then).</param>
    /// <param name="UpdatedAt">When the latest version was last stored (UTC, ISO 8601).</param>
    public sealed record DefinitionSummary(string DefinitionId, string? Name, int LatestVersion, int? PublishedVersion, string UpdatedAt);

    public sealed record Response(IReadOnlyList<DefinitionSummary> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        // Only the latest and the published version of each definition, without their JSON.
        var rows = await db.Definitions.AsNoTracking().Where(r => r.IsLatest || r.IsPublished)
            .Select(r => new { r.DefinitionId, r.Version, r.Name, r.IsLatest, r.IsPublished, r.UpdatedAt })
            .ToListAsync(ct);
        var items = rows.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.Where(r => r.IsLatest).MaxBy(r => r.Version) ?? g.MaxBy(r => r.Version)!;
            var published = g.Where(r => r.IsPublished).MaxBy(r => r.Version);
            return new DefinitionSummary(g.Key, latest.Name, latest.Version, published?.Version, latest.UpdatedAt.ToString());
        }).ToList();
        return new Response(items);
    }
}
