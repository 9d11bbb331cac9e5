using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>The answer to a save: the stored version, or every validation error (and nothing stored).</summary>
public sealed record SaveDefinitionOutcome(StoredDefinition? Saved, IReadOnlyList<ValidationError> Errors, bool AlreadyPublished = false)
{
    public bool Succeeded => Saved is not null;
}

/// <summary>
/// Saves and publishes definitions with Elsa's versioning: the latest draft is updated in place; saving
/// over a published latest creates version + 1; publishing unpublishes every other version. A published
/// version is never changed. A definition over the <see cref="DefinitionLimits"/> (the defaults unless given) is refused
/// before it is read. Validation and compilation observe <c>ct</c>: a cancelled save throws
/// <see cref="OperationCanceledException"/> and stores nothing. A publish must also pass the <see cref="IPublishCheck"/>, if one is given.
/// </summary>
public sealed partial class DefinitionService(IWorkflowDefinitionStore store, ActivityCatalogue catalogue, IClock clock, DefinitionLimits? limits = null,
    IPublishCheck? publishCheck = null)
{
    private const int MaxAttempts = 10;

    private readonly DefinitionLimits _limits = limits ?? new DefinitionLimits();

    public async Task<SaveDefinitionOutcome> SaveAsync(string json, bool publish, CancellationToken ct)
    {
        var read = DefinitionReader.Read(json, _limits, ct);
        if (read.Document is null)
        {
            return new(null, read.Errors);
        }

        var definitionId = read.Document.DefinitionId ?? Guid.NewGuid().ToString("N")[..16];
        var errors = await ValidateForPublishAsync(read, definitionId, publish, ct);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        ct.ThrowIfCancellationRequested();
        var model = read.Document.Document;
        model["definitionId"] = definitionId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(definitionId, read.Document.Name, model, publish, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another save of the same definition won the race: decide again from fresh state.
            }
        }
    }

    /// <summary>
    /// The full validation a version passes before it may be published: the reader's errors, then the compiler's; and, when
    /// <paramref name="publishing"/> a flow that compiled, the <see cref="IPublishCheck"/> (issue 11 §4: the designer checks
    /// against the catalogue).
    /// </summary>
    private async Task<List<ValidationError>> ValidateForPublishAsync(DefinitionReadResult read, string definitionId, bool publishing, CancellationToken ct)
    {
        var compiled = WorkflowCompiler.Compile(read.Document!, catalogue, new DefinitionIdentity(definitionId, 0, string.Empty), read.RootPath, ct);
        var errors = read.Errors.Concat(compiled.Errors).ToList();
        if (errors.Count == 0 && publishing && publishCheck is not null)
        {
            errors.AddRange(await publishCheck.CheckAsync(new PublishCandidate(definitionId, read.Document!, compiled.Workflow!, read.RootPath), ct));
        }

        return errors;
    }

    private async Task<SaveDefinitionOutcome> SaveOnceAsync(string definitionId, string? name, JsonObject model, bool publish, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var latest = await store.FindLatestAsync(definitionId, ct);
        var root = model["root"]!.ToJsonString();
        if (latest is { IsPublished: true } && JsonNode.DeepEquals(JsonNode.Parse(latest.Json)!["root"], JsonNode.Parse(root)))
        {
            return new(latest, [], AlreadyPublished: true);
        }

        var isNew = latest is null || latest.IsPublished;
        var version = isNew ? (latest?.Version ?? 0) + 1 : latest!.Version;
        var id = isNew ? Guid.NewGuid().ToString("N") : latest!.Id;
        model["id"] = id;
        model["version"] = version;
        model["isLatest"] = true;
        model["isPublished"] = publish;
        var stored = new StoredDefinition(id, definitionId, version, name, publish, true, model.ToJsonString(), isNew ? now : latest!.CreatedAt, now);
        await store.SaveAsync(new DefinitionChange(stored, isNew, publish), ct);
        return new(stored, []);
    }
}
