using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// A definition about to be published, after it read and compiled without errors: what a <see cref="IPublishCheck"/> sees.
/// </summary>
/// <param name="DefinitionId">The definition id (the body's, or the one the save assigned).</param>
/// <param name="Document">The definition as read (its raw inputs tell an explicit value from a default).</param>
/// <param name="Workflow">The compiled flowchart; its activity <c>i</c> is <c>Document.Root.Activities[i]</c>.</param>
/// <param name="RootPath">The JSON path of the root flowchart in the saved body, e.g. <c>$.root</c> or <c>$.model.root</c>.</param>
public sealed record PublishCandidate(string DefinitionId, WorkflowDocument Document, CompiledWorkflow Workflow, string RootPath);

/// <summary>
/// Rules a definition must pass to be published, beyond compiling (e.g. the designer checks against the catalogue, ADR 0015).
/// <see cref="DefinitionService"/> calls it only when publishing; any error refuses the publish as a compile error does and
/// nothing is stored. Without one (the default) publishing checks nothing more.
/// </summary>
public interface IPublishCheck
{
    /// <summary>Every problem of <paramref name="candidate"/>, each with its JSON path and a stable code; empty when it may be published.</summary>
    Task<IReadOnlyList<ValidationError>> CheckAsync(PublishCandidate candidate, CancellationToken ct);
}
