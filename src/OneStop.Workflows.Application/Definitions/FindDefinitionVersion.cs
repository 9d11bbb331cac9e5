using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: one definition version as Elsa JSON for the designer (designers, administrators; supervisors to view): by definition id
/// and <see cref="VersionOptions"/> (the highest version they select), or by version id (the exact version an instance ran).
/// </summary>
public sealed class FindDefinitionVersion(OneStopDbContext db)
{
    /// <summary>By definition id (<paramref name="VersionId"/> null) or by version id (<paramref name="DefinitionId"/> null).</summary>
    public sealed record Query(string? DefinitionId, string? VersionId, VersionOptions Versions);

    /// <summary>The model JSON with the row's flags (<see cref="GetDefinition.ToModel"/>), and whether the actor may change it.</summary>
    public sealed record Response(JsonObject Model, bool Editable);

    public static Query ByDefinitionId(string definitionId, VersionOptions versions) => new(definitionId, null, versions);

    public static Query ById(string versionId) => new(null, versionId, VersionOptions.Latest);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        var rows = db.Definitions.AsNoTracking();
        var row = query.VersionId is { } versionId
            ? await rows.FirstOrDefaultAsync(r => r.Id == versionId, ct)
            : await query.Versions.Filter(rows.Where(r => r.DefinitionId == query.DefinitionId)).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return query.VersionId is { } id
                ? Refusal.NotFound($"No definition version '{id}'.")
                : Refusal.NotFound($"Definition '{query.DefinitionId}' has no version that matches '{query.Versions}'.");
        }

        return new Response(GetDefinition.ToModel(row.ToStored()), DefinitionRules.MayEdit(actor));
    }
}
