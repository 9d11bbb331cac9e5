using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: the audit trail of one workflow definition (designers, administrators): every save, publish, retract and delete, newest
/// first (at most <see cref="MaxEvents"/>).
/// </summary>
public sealed class ListDefinitionAudit(OneStopDbContext db)
{
    /// <summary>The most events one read answers.</summary>
    public const int MaxEvents = 500;

    private static readonly string[] Actions =
        [AuditActions.DefinitionDraftSaved, AuditActions.DefinitionPublished, AuditActions.DefinitionRetracted, AuditActions.DefinitionDeleted];

    public sealed record Query(string DefinitionId);

    /// <param name="Details">JSON: the version and version id (a delete: the versions removed).</param>
    public sealed record Entry(string At, string Actor, string Action, string? Details);

    public sealed record Response(string DefinitionId, IReadOnlyList<Entry> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Subject == query.DefinitionId && Actions.Contains(e.Action))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(MaxEvents).ToListAsync(ct);
        if (events.Count == 0 && !await db.Definitions.AnyAsync(r => r.DefinitionId == query.DefinitionId, ct))
        {
            return Refusal.NotFound($"No definition '{query.DefinitionId}'.");
        }

        return new Response(query.DefinitionId, [.. events.Select(e => new Entry(e.At.ToString(), e.Actor, e.Action, e.Details))]);
    }
}
