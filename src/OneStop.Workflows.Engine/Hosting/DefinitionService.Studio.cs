using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>How a Studio save ended (issue 11, docs/adr/0014-studio-saves.md).</summary>
public enum StudioSaveStatus
{
    /// <summary>Stored (a new version or the draft updated in place), and published when asked.</summary>
    Saved,

    /// <summary>The latest version is published and the save changes nothing in it: nothing stored.</summary>
    AlreadyPublished,

    /// <summary>The JSON is not of the Studio's shape or uses what this server does not support: nothing stored.</summary>
    ShapeInvalid,

    /// <summary>Asked to publish, the full validation failed: nothing stored, nothing published.</summary>
    PublishInvalid,

    /// <summary>The save was based on an older version (or revision) than the latest: nothing stored.</summary>
    Stale,
}

/// <summary>The answer to a Studio save: the stored (or untouched latest) version, or the errors.</summary>
/// <param name="Saved">The version stored, or the latest one for <see cref="StudioSaveStatus.AlreadyPublished"/> and <see cref="StudioSaveStatus.Stale"/>.</param>
/// <param name="IsNew">True when the save inserted a version (a create, or a save over a published latest).</param>
public sealed record StudioSaveOutcome(StudioSaveStatus Status, StoredDefinition? Saved, IReadOnlyList<ValidationError> Errors, bool IsNew = false);

/// <summary>
/// The revision a Studio save is based on: a counter inside the stored model's <c>customProperties</c> (<see cref="Key"/>), raised by
/// every Studio save. The Studio round-trips the model it received (the read's and every save response's), so its next save names the
/// revision it saw; a version without the counter (stored by the REST route or the file import) is revision 0.
/// </summary>
public static class StudioRevision
{
    /// <summary>The <c>customProperties</c> key.</summary>
    public const string Key = "oneStopRevision";

    public static long Of(JsonObject model) => model["customProperties"] is JsonObject properties && properties[Key] is JsonValue value
        && (value.TryGetValue<long>(out var number) || (value.TryGetValue<string>(out var text) && long.TryParse(text, out number))) ? number : 0;

    public static void Set(JsonObject model, long revision)
    {
        if (model["customProperties"] is not JsonObject properties)
        {
            properties = [];
            model["customProperties"] = properties;
        }

        properties[Key] = revision;
    }
}

/// <summary>Issue 11: the Studio's save (drafts after shape checks only, the full validation at publish, the stale-base rule, audited).</summary>
public sealed partial class DefinitionService
{
    /// <summary>
    /// Saves the model the Studio sends: shape checks (<see cref="DraftShape"/>) only, unless <paramref name="publish"/> asks for the
    /// full validation too; decided by the definition id and its latest version (Elsa's versioning); refused as
    /// <see cref="StudioSaveStatus.Stale"/> when the model's <c>id</c> or <see cref="StudioRevision"/> is not the latest's.
    /// </summary>
    /// <param name="audit">The audit event of the stored version (whether it was published is on the version); written with it.</param>
    public async Task<StudioSaveOutcome> SaveStudioAsync(JsonObject model, bool publish, Func<StoredDefinition, DefinitionAudit> audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(audit);
        var normalised = (JsonObject)model.DeepClone();
        DraftShape.Normalise(normalised);
        // Read as the Studio sends it ({model}), so every error names its path from the body: $.model.root.activities[2].type.
        var read = DefinitionReader.Read(new JsonObject { ["model"] = normalised }, _limits, ct);
        if (DraftShape.Check(read, catalogue) is { Count: > 0 } shape)
        {
            return new(StudioSaveStatus.ShapeInvalid, null, shape);
        }

        var document = read.Document!;
        var definitionId = document.DefinitionId is { Length: > 0 } given && !string.IsNullOrWhiteSpace(given) ? given : Guid.NewGuid().ToString("N")[..16];
        if (publish && await ValidateForPublishAsync(read, definitionId, publishing: true, ct) is { Count: > 0 } errors)
        {
            return new(StudioSaveStatus.PublishInvalid, null, errors);
        }

        var body = document.Document;
        var basis = (Id: body["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null, Revision: StudioRevision.Of(body));
        body["definitionId"] = definitionId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveStudioOnceAsync(definitionId, document.Name, body, publish, basis, audit, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another save came first: decide again from fresh state (which then finds this save's base stale).
            }
        }
    }

    private async Task<StudioSaveOutcome> SaveStudioOnceAsync(string definitionId, string? name, JsonObject model, bool publish, (string? Id, long Revision) basis,
        Func<StoredDefinition, DefinitionAudit> audit, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var latest = await store.FindLatestAsync(definitionId, ct);
        var latestModel = latest is null ? null : JsonNode.Parse(latest.Json)!.AsObject();
        if (latest is not null && (basis.Id != latest.Id || basis.Revision != StudioRevision.Of(latestModel!)))
        {
            return new(StudioSaveStatus.Stale, latest, []);
        }

        if (latest is { IsPublished: true } && Unchanged(latestModel!, model))
        {
            return new(StudioSaveStatus.AlreadyPublished, latest, []);
        }

        var isNew = latest is null || latest.IsPublished;
        var version = isNew ? (latest?.Version ?? 0) + 1 : latest!.Version;
        var id = isNew ? Guid.NewGuid().ToString("N") : latest!.Id;
        model["id"] = id;
        model["version"] = version;
        model["isLatest"] = true;
        model["isPublished"] = publish;
        StudioRevision.Set(model, (latestModel is null ? 0 : StudioRevision.Of(latestModel)) + 1);
        var stored = new StoredDefinition(id, definitionId, version, name, publish, true, model.ToJsonString(), isNew ? now : latest!.CreatedAt, now);
        await store.SaveAsync(new DefinitionChange(stored, isNew, publish, audit(stored), isNew ? null : latest!.Json), ct);
        return new(StudioSaveStatus.Saved, stored, [], isNew);
    }

    /// <summary>Whether a save over a published version changes nothing a version is made of (its flowchart, name, description).</summary>
    private static bool Unchanged(JsonObject published, JsonObject model) =>
        JsonNode.DeepEquals(published["root"], model["root"]) && JsonNode.DeepEquals(published["name"], model["name"])
        && JsonNode.DeepEquals(published["description"], model["description"]);
}
