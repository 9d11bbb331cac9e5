using System.Collections.Concurrent;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// Compiles stored definition versions once and keeps them. Safe because instances only run published
/// versions, which are immutable.
/// </summary>
public sealed class CompiledWorkflowCache(ActivityCatalogue catalogue)
{
    private readonly ConcurrentDictionary<string, CompiledWorkflow> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredDefinition> _published = new(StringComparer.Ordinal);

    public ActivityCatalogue Catalogue { get; } = catalogue;

    public CompiledWorkflow Get(StoredDefinition definition) =>
        _compiled.GetOrAdd(definition.Id, static (_, state) => state.Cache.CompileStored(state.Definition), (Cache: this, Definition: definition));

    /// <summary>The compiled workflow of a definition version already compiled here, without reading the store.</summary>
    public CompiledWorkflow? Find(string definitionVersionId) => _compiled.GetValueOrDefault(definitionVersionId);

    /// <summary>
    /// The published version of a definition last seen on this node. A hint only: a start that uses it has the store
    /// check at its commit that it is still the published version (<see cref="StepCommit.PublishedCheck"/>).
    /// </summary>
    public StoredDefinition? FindPublished(string definitionId) => _published.GetValueOrDefault(definitionId);

    /// <summary>Remembers <paramref name="definition"/> as its definition's published version.</summary>
    public void RememberPublished(StoredDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.IsPublished)
        {
            _published[definition.DefinitionId] = definition;
        }
    }

    /// <summary>Forgets the published version of a definition (after a save or publish, or when a start found it stale).</summary>
    public void ForgetPublished(string definitionId) => _published.TryRemove(definitionId, out _);

    private CompiledWorkflow CompileStored(StoredDefinition definition)
    {
        var result = WorkflowCompiler.Compile(definition.Json, Catalogue, new DefinitionIdentity(definition.DefinitionId, definition.Version, definition.Id));
        return result.Workflow ?? throw new InvalidOperationException(
            $"Stored definition {definition.DefinitionId} v{definition.Version} no longer compiles: {string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
    }
}
