using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: whether no other definition's latest version carries this name (the designer's check while naming a definition;
/// designers, administrators, supervisors). Names compare after trimming, case-insensitively.
/// </summary>
public sealed class IsDefinitionNameUnique(OneStopDbContext db)
{
    /// <param name="DefinitionId">The definition being named (its own versions do not count), or null for a new one.</param>
    public sealed record Query(string Name, string? DefinitionId);

    public sealed record Response(bool IsUnique);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (string.IsNullOrWhiteSpace(query.Name) || query.Name.Length > 500)
        {
            return Refusal.Invalid("name", "A name of 1 to 500 characters.");
        }

        var name = query.Name.Trim();
        var names = await db.Definitions.AsNoTracking().Where(r => r.IsLatest && r.DefinitionId != query.DefinitionId && r.Name != null)
            .Select(r => r.Name!).ToListAsync(ct);
        return new Response(!names.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)));
    }
}
