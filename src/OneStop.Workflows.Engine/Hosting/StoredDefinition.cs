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
public sealed record DefinitionChange(StoredDefinition Version, bool IsNew, bool UnpublishOthers);

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
