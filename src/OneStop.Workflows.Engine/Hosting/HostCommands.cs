using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>Start an instance of a definition's published version (or of <see cref="Version"/>, which must be published).</summary>
/// <param name="Input">The workflow input activities can read (keep it small: ids and settings).</param>
/// <param name="Context">Handed to the store's step writers with the commit (e.g. the case being submitted).</param>
/// <param name="InstanceId">A preset id (the caller may need it before the start, e.g. to link a case); new when null.</param>
public sealed record StartCommand(string DefinitionId, int? Version = null, JsonObject? Input = null, object? Context = null, WorkflowInstanceId? InstanceId = null);

/// <summary>Resume one open bookmark with input; <see cref="IdempotencyKey"/> makes a repeat return the first answer.</summary>
public sealed record ResumeCommand(WorkflowInstanceId InstanceId, BookmarkId BookmarkId, JsonObject? Input, string IdempotencyKey, object? Context = null);
