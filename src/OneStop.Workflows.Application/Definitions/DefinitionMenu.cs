using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Issue 11: the Studio's "Publish" menu (designers, administrators): publishes the latest version of a definition after the full
/// validation, as a Studio save of the stored latest with <c>publish</c> would (audited <c>DefinitionPublished</c>).
/// </summary>
public sealed class PublishDefinition(IWorkflowDefinitionStore store, DefinitionService definitions)
{
    public sealed record Command(string DefinitionId);

    public async Task<Result<SaveStudioDefinition.Response>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await store.FindLatestAsync(command.DefinitionId, ct) is not { } latest)
        {
            return Refusal.NotFound($"No definition '{command.DefinitionId}'.");
        }

        var outcome = await definitions.SaveStudioAsync(GetDefinition.ToModel(latest), publish: true, stored => StudioSaves.Audit(actor, stored), ct);
        return StudioSaves.ToResult(outcome);
    }
}

/// <summary>
/// Issue 11: the Studio's "Retract" menu (designers, administrators): the published version is published no more; running cases go
/// on on their version. Refused (400, code <see cref="InUseCode"/>, naming the items) while a service item names the definition: no
/// new application of those items could be accepted, and closing a public service is the catalogue's decision, not the designer's
/// (docs/adr/0014-studio-saves.md). Audited <c>DefinitionRetracted</c> in the same transaction.
/// </summary>
public sealed class RetractDefinition(OneStopDbContext db, CompiledWorkflowCache workflows, IClock clock)
{
    /// <summary>The refusal code of a retract while service items use the definition.</summary>
    public const string InUseCode = "definition.in-use";

    public sealed record Command(string DefinitionId);

    public async Task<Result<FindDefinitionVersion.Response>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var id = command.DefinitionId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var published = await db.Definitions.Where(r => r.DefinitionId == id && r.IsPublished).Select(r => new { r.Id, r.Version }).ToListAsync(ct);
        if (published.Count == 0)
        {
            return await db.Definitions.AnyAsync(r => r.DefinitionId == id, ct)
                ? new Refusal(RefusalKind.Invalid, StudioSaves.NotPublishedCode, $"流程“{id}”没有已发布的版本，无需撤回。 Definition '{id}' has no published version to retract.")
                : Refusal.NotFound($"No definition '{id}'.");
        }

        var items = await ItemsUsing.CodesAsync(db, id, ct);
        if (items.Count > 0)
        {
            return new Refusal(RefusalKind.Invalid, InUseCode,
                $"流程“{id}”正被事项 {string.Join("、", items)} 使用，不能撤回：撤回后这些事项将无法受理新的申请。请先由管理员将这些事项改用其他流程。 " +
                $"Definition '{id}' is used by service item(s) {string.Join(", ", items)}; it cannot be retracted: no new application of them could be accepted. " +
                "Have an administrator switch those items to another flow first.");
        }

        await db.Definitions.Where(r => r.DefinitionId == id && r.IsPublished).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, false), ct);
        var version = published.MaxBy(p => p.Version)!;
        db.AuditEvents.Add(new AuditEvent(clock.GetCurrentInstant(), actor.UserName, AuditActions.DefinitionRetracted, null, id,
            JsonSerializer.Serialize(new { version = version.Version, versionId = version.Id }), null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        workflows.ForgetPublished(id);
        var latest = await db.Definitions.AsNoTracking().Where(r => r.DefinitionId == id && r.IsLatest).OrderByDescending(r => r.Version).FirstAsync(ct);
        return new FindDefinitionVersion.Response(GetDefinition.ToModel(latest.ToStored()), Editable: true);
    }
}

/// <summary>
/// Issue 11: the Studio's "Delete" menu (designers, administrators): removes a definition with every version, unless a service item
/// names it or a case ever ran on it (their history reads the versions) — then a 400 saying which. Audited <c>DefinitionDeleted</c>.
/// </summary>
public sealed class DeleteDefinition(OneStopDbContext db, CompiledWorkflowCache workflows, IClock clock)
{
    public sealed record Command(string DefinitionId);

    public async Task<Result<int>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var id = command.DefinitionId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var versions = await db.Definitions.Where(r => r.DefinitionId == id).Select(r => r.Version).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return Refusal.NotFound($"No definition '{id}'.");
        }

        var items = await ItemsUsing.CodesAsync(db, id, ct);
        if (items.Count > 0)
        {
            return Unsupported($"流程“{id}”正被事项 {string.Join("、", items)} 使用，不能删除。 Definition '{id}' is used by service item(s) {string.Join(", ", items)}; it cannot be deleted.");
        }

        if (await db.Instances.AnyAsync(r => r.DefinitionId == id, ct))
        {
            return Unsupported($"流程“{id}”已有办件运行过，不能删除（办件记录要读取其版本）；可撤回发布。 Cases ran on definition '{id}'; it cannot be deleted (their history reads its versions). Retract it instead.");
        }

        var deleted = await db.Definitions.Where(r => r.DefinitionId == id).ExecuteDeleteAsync(ct);
        db.AuditEvents.Add(new AuditEvent(clock.GetCurrentInstant(), actor.UserName, AuditActions.DefinitionDeleted, null, id,
            JsonSerializer.Serialize(new { versions = versions.Order().ToArray() }), null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        workflows.ForgetPublished(id);
        return deleted;
    }

    private static Refusal Unsupported(string message) => new(RefusalKind.Invalid, RefusalCodes.InvalidRequest, message);
}

/// <summary>
/// Issue 11: what the Studio offers and this server does not do (bulk actions, export, import, revert, deleting one version, Run):
/// designers and administrators get a 400 whose message the Studio shows; others 403.
/// </summary>
public sealed class RefuseStudioAction
{
    /// <param name="Action">What was asked for, in English (e.g. "bulk publish").</param>
    /// <param name="Chinese">The same in Chinese (e.g. "批量发布").</param>
    public sealed record Command(string Action, string Chinese);

    public Task<Result<int>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Result<int> result = DefinitionRules.DesignersOnly(actor) is { } forbidden
            ? forbidden
            : new Refusal(RefusalKind.Invalid, RefusalCodes.InvalidRequest, $"此处不支持{command.Chinese}。 Not supported here: {command.Action}.");
        return Task.FromResult(result);
    }
}

/// <summary>The service items whose flow is a definition (what the retract and delete menus refuse on).</summary>
internal static class ItemsUsing
{
    /// <summary>The codes of the items naming <paramref name="definitionId"/>, in order. Items are few (a centre's catalogue); their data is read whole.</summary>
    public static async Task<List<string>> CodesAsync(OneStopDbContext db, string definitionId, CancellationToken ct) =>
        (await db.ServiceItems.AsNoTracking().ToListAsync(ct)).Where(i => i.Data.WorkflowDefinitionId == definitionId).Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
}
