using System.Text.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: the Studio's one call for create, save and publish (designers, administrators; docs/adr/0014-studio-saves.md). A draft
/// stores after shape checks only; <c>publish</c> runs the full validation first (its errors refused, nothing stored); a save based on
/// an older version or revision than the latest is refused as a conflict; every stored save is audited with it.
/// </summary>
public sealed class SaveStudioDefinition(DefinitionService definitions)
{
    /// <summary>The model the Studio edited (its <c>id</c> and <c>customProperties</c> name the base) and whether to publish it.</summary>
    public sealed record Command(JsonObject Model, bool Publish);

    /// <summary>The stored (or untouched, already published) version, whether it was inserted, and whether nothing changed.</summary>
    public sealed record Response(FindDefinitionVersion.Response Definition, bool Created, bool AlreadyPublished);

    /// <param name="ct">Also ends the save when the server begins to shut down (the caller links it).</param>
    public async Task<Result<Response>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var outcome = await definitions.SaveStudioAsync(command.Model, command.Publish, stored => StudioSaves.Audit(actor, stored), ct);
        return StudioSaves.ToResult(outcome);
    }
}

/// <summary>What the Studio's save and the publish menu share: their audit event and how an outcome becomes a result.</summary>
internal static class StudioSaves
{
    /// <summary>The refusal code of a save based on a stale version (a conflict: the Studio's route answers it as a 409, see StudioProblems and the host page's save-conflict adapter).</summary>
    public const string StaleCode = "definition.stale";

    /// <summary>The refusal code of a publish whose full validation failed (400).</summary>
    public const string NotPublishedCode = "definition.not-published";

    public static DefinitionAudit Audit(Actor actor, StoredDefinition stored) => new(actor.UserName,
        stored.IsPublished ? AuditActions.DefinitionPublished : AuditActions.DefinitionDraftSaved,
        JsonSerializer.Serialize(new { version = stored.Version, versionId = stored.Id, revision = StudioRevision.Of(JsonNode.Parse(stored.Json)!.AsObject()) }));

    public static Result<SaveStudioDefinition.Response> ToResult(StudioSaveOutcome outcome) => outcome.Status switch
    {
        StudioSaveStatus.ShapeInvalid => Refusal.Invalid(ByPath(outcome, null)),
        StudioSaveStatus.PublishInvalid => Refusal.Invalid(ByPath(outcome,
            $"未发布：流程有 {outcome.Errors.Count} 处问题，草稿保持不变。 Not published: {outcome.Errors.Count} problem(s) found; the draft is unchanged.")),
        StudioSaveStatus.Stale => Refusal.Conflict(
            $"另一位设计人员已保存了更新的版本（第 {outcome.Saved!.Version} 版），本次保存未生效；请重新加载后再修改。 " +
            $"Another designer saved a newer version (version {outcome.Saved.Version}); this save was not stored. Reload the definition and apply your change again.",
            StaleCode),
        _ => new SaveStudioDefinition.Response(new(GetDefinition.ToModel(outcome.Saved!), Editable: true), outcome.IsNew,
            outcome.Status == StudioSaveStatus.AlreadyPublished),
    };

    private static Dictionary<string, string[]> ByPath(StudioSaveOutcome outcome, string? summary)
    {
        // The Studio shows the messages only (not their keys): each message names its JSON path itself.
        var errors = outcome.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => $"{e.Path}: {e.Message}").ToArray());
        if (summary is not null)
        {
            errors = new Dictionary<string, string[]> { ["publish"] = [summary] }.Concat(errors).ToDictionary(e => e.Key, e => e.Value);
        }

        return errors;
    }
}
