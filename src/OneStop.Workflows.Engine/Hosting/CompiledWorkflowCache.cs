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

    public ActivityCatalogue Catalogue { get; } = catalogue;

    public CompiledWorkflow Get(StoredDefinition definition) =>
        _compiled.GetOrAdd(definition.Id, static (_, state) => state.Cache.CompileStored(state.Definition), (Cache: this, Definition: definition));

    /// <summary>The compiled workflow of a definition version already compiled here, without reading the store.</summary>
    public CompiledWorkflow? Find(string definitionVersionId) => _compiled.GetValueOrDefault(definitionVersionId);

    private CompiledWorkflow CompileStored(StoredDefinition definition)
    {
        var result = WorkflowCompiler.Compile(definition.Json, Catalogue, new DefinitionIdentity(definition.DefinitionId, definition.Version, definition.Id));
        return result.Workflow ?? throw new InvalidOperationException(
            $"Stored definition {definition.DefinitionId} v{definition.Version} no longer compiles: {string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
    }
}
