using NodaTime;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>One stored version of a workflow definition. <see cref="Json"/> is the Elsa model JSON as saved.</summary>
/// <param name="Id">The version id (Elsa's <c>id</c>), unique across all versions.</param>
public sealed record StoredDefinition(
    string Id,
    string DefinitionId,
    int Version,
    string? Name,
    bool IsPublished,
    bool IsLatest,
    string Json,
    Instant CreatedAt,
    Instant UpdatedAt);

/// <summary>An atomic change to a definition's versions, decided by <see cref="DefinitionService"/>.</summary>
/// <param name="Version">The version row to insert (when <paramref name="IsNew"/>) or overwrite (a draft).</param>
/// <param name="IsNew">True to insert; the store rejects a clash on (definition id, version) with a conflict.</param>
/// <param name="UnpublishOthers">True when <paramref name="Version"/> is published: every other version loses its published flag.</param>
/// <param name="Audit">Issue 11: the audit event written in the same transaction (none for the REST route and the file import).</param>
/// <param name="ExpectedJson">Issue 11: a draft is overwritten only while it still holds this JSON (else a conflict: another save came first).</param>
public sealed record DefinitionChange(StoredDefinition Version, bool IsNew, bool UnpublishOthers, DefinitionAudit? Audit = null, string? ExpectedJson = null);

/// <summary>Issue 11: who changed a definition and how, as the store writes it to the audit trail (subject = the definition id).</summary>
/// <param name="Actor">The user name.</param>
/// <param name="Action">An <c>AuditActions</c> name (e.g. <c>DefinitionDraftSaved</c>).</param>
/// <param name="Details">Structured details as JSON (version, version id …).</param>
public sealed record DefinitionAudit(string Actor, string Action, string Details);

/// <summary>Stores definition versions. Implementations apply a <see cref="DefinitionChange"/> in one transaction.</summary>
public interface IWorkflowDefinitionStore
{
    Task<StoredDefinition?> FindLatestAsync(string definitionId, CancellationToken ct);

    Task<StoredDefinition?> FindVersionAsync(string definitionId, int version, CancellationToken ct);

    Task<StoredDefinition?> FindPublishedAsync(string definitionId, CancellationToken ct);

    Task<StoredDefinition?> FindByIdAsync(string versionId, CancellationToken ct);

    /// <summary>Applies the change; throws <see cref="ConcurrencyConflictException"/> when another writer got there first.</summary>
    Task SaveAsync(DefinitionChange change, CancellationToken ct);
}
