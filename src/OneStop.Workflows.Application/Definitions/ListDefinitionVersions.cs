using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: definition versions for the designer's list and version history (designers, administrators; supervisors to view):
/// filtered by <see cref="VersionOptions"/>, definition ids and a search term (name, description or definition id), ordered and paged.
/// </summary>
public sealed class ListDefinitionVersions(OneStopDbContext db)
{
    /// <summary>The longest search term (a longer one is refused).</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The most definition ids one query may name.</summary>
    public const int MaxDefinitionIds = 100;

    /// <param name="OrderBy">Name, Version or CreatedAt (null: by name, then definition id and version).</param>
    /// <param name="Descending">True for <c>OrderDirection=Descending</c>.</param>
    /// <param name="VersionIds">Only these versions (the Studio's instance list asks for the versions its instances run, <c>Ids=…</c>); empty: no such filter.</param>
    public sealed record Query(VersionOptions Versions, IReadOnlyList<string> DefinitionIds, string? SearchTerm, DefinitionOrder OrderBy, bool Descending, int Page, int PageSize,
        IReadOnlyList<string>? VersionIds = null);

    /// <summary>One version without its flowchart.</summary>
    public sealed record VersionSummary(string Id, string DefinitionId, string? Name, string? Description, int Version, string? ToolVersion, bool IsLatest, bool IsPublished, string CreatedAt);

    public async Task<Result<Page<VersionSummary>>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (query.SearchTerm is { Length: > MaxSearchLength })
        {
            return Domain.Shared.Refusal.Invalid("searchTerm", $"At most {MaxSearchLength} characters.");
        }

        if (query.DefinitionIds.Count > MaxDefinitionIds)
        {
            return Domain.Shared.Refusal.Invalid("definitionIds", $"At most {MaxDefinitionIds} definition ids.");
        }

        if (query.VersionIds?.Count > MaxDefinitionIds)
        {
            return Domain.Shared.Refusal.Invalid("ids", $"At most {MaxDefinitionIds} version ids.");
        }

        await using var read = await ReadTransaction.BeginAsync(db, ct);
        var rows = query.Versions.Filter(db.Definitions.AsNoTracking());
        if (query.DefinitionIds.Count > 0)
        {
            var ids = query.DefinitionIds.ToList();
            rows = rows.Where(r => ids.Contains(r.DefinitionId));
        }

        if (query.VersionIds is { Count: > 0 } versionIds)
        {
            var ids = versionIds.ToList();
            rows = rows.Where(r => ids.Contains(r.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            // Names carry Chinese and English; the search is a case-insensitive substring match done here, on the (few) rows' names.
            var term = query.SearchTerm.Trim();
            var candidates = await rows.Select(r => new { r.Id, r.DefinitionId, r.Name, r.Json }).ToListAsync(ct);
            var matching = candidates.Where(c => Contains(c.DefinitionId, term) || Contains(c.Name, term) || Contains(DescriptionOf(c.Json), term)).Select(c => c.Id).ToList();
            rows = rows.Where(r => matching.Contains(r.Id));
        }

        var total = await rows.CountAsync(ct);
        var page = await Ordered(rows, query.OrderBy, query.Descending).Skip(Page.Skip(query.Page, query.PageSize)).Take(query.PageSize).ToListAsync(ct);
        return new Page<VersionSummary>([.. page.Select(Summary)], total, query.Page, query.PageSize);
    }

    private static IQueryable<WorkflowDefinitionRow> Ordered(IQueryable<WorkflowDefinitionRow> rows, DefinitionOrder order, bool descending) => (order, descending) switch
    {
        (DefinitionOrder.Version, false) => rows.OrderBy(r => r.Version).ThenBy(r => r.DefinitionId),
        (DefinitionOrder.Version, true) => rows.OrderByDescending(r => r.Version).ThenBy(r => r.DefinitionId),
        (DefinitionOrder.CreatedAt, false) => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
        (DefinitionOrder.CreatedAt, true) => rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
        (_, false) => rows.OrderBy(r => r.Name).ThenBy(r => r.DefinitionId).ThenBy(r => r.Version),
        (_, true) => rows.OrderByDescending(r => r.Name).ThenBy(r => r.DefinitionId).ThenBy(r => r.Version),
    };

    private static VersionSummary Summary(WorkflowDefinitionRow r)
    {
        var model = JsonNode.Parse(r.Json) as JsonObject;
        return new VersionSummary(r.Id, r.DefinitionId, r.Name, Text(model, "description"), r.Version, Text(model, "toolVersion"), r.IsLatest, r.IsPublished,
            r.CreatedAt.ToString());
    }

    private static string? DescriptionOf(string json) => Text(JsonNode.Parse(json) as JsonObject, "description");

    private static string? Text(JsonObject? model, string name) =>
        model?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Contains(string? text, string term) => text?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>How <see cref="ListDefinitionVersions"/> orders (Elsa's <c>OrderBy</c>).</summary>
public enum DefinitionOrder
{
    Name,
    Version,
    CreatedAt,
}
