using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>
/// Replaces a service item's catalogue fields (administrators). Guarded by the item's version: a concurrent update
/// (or a body whose <c>version</c> is stale) is refused (409). When its <c>supervision</c> block changes, the running
/// clocks of its open cases are re-planned under the new settings (pending signals only). The item, the re-planning and
/// the audit event are one transaction; the other nodes hear of the change when it commits (ADR 0012).
/// </summary>
public sealed class UpdateServiceItem(OneStopDbContext db, IWorkflowDefinitionStore definitions, IClock clock, SignalPlanner planner,
    Persistence.Approval.ServiceItemCache items, ActivityCatalogue catalogue)
{
    public sealed record Command(string Code, ServiceItemBody Body);

    public async Task<Result<ServiceItemResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (CatalogueRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var (code, body) = command;
        var item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Code == code, ct);
        if (item is null)
        {
            return Refusal.NotFound($"No service item '{code}'.");
        }

        var (data, errors) = await ServiceItemInput.ValidateAsync(body, db, definitions, ct);
        if (body.Code is not null && body.Code != code)
        {
            errors["code"] = [new FieldError(FieldErrorCodes.ServiceItemCodeChanged, $"The code in the body ('{body.Code}') differs from the code in the path ('{code}'); codes cannot be changed.")
                .With("value", body.Code).With("code", code)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (body.Version is { } expected && expected != item.Version)
        {
            return Refusal.Conflict($"Service item '{code}' is at version {item.Version}, not {expected}; reload it and apply the change again.", RefusalCodes.Conflict);
        }

        var changed = ServiceItemInput.ChangedFields(item.Data, data!);
        var flowProblems = await ItemFlowCheck.ProblemsAsync(code, data!, db, definitions, catalogue, ct); // issue 11 §4: warned, not refused (ADR 0015)
        if (changed.Count == 0)
        {
            return ServiceItemResponse.From(item, planner.CentreDefaults).With(flowProblems);
        }

        var now = clock.GetCurrentInstant();
        var fromVersion = item.Version;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        item.Update(data!, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict($"Service item '{code}' was changed by someone else meanwhile; reload it and apply the change again.", RefusalCodes.Conflict);
        }

        // Clocks copy their limits when they start, so only the ladder settings reach cases already running.
        var replannedClocks = changed.Contains(ItemSupervision.Field) ? await planner.ReplanItemAsync(db, code, data!, now, ct) : 0;
        db.AuditEvents.Add(new AuditEvent(now, actor.UserName, AuditActions.ServiceItemUpdated, null, code,
            flowProblems.Count == 0
                ? JsonSerializer.Serialize(new { changed, fromVersion, toVersion = item.Version, replannedClocks })
                : JsonSerializer.Serialize(new { changed, fromVersion, toVersion = item.Version, replannedClocks, flowProblems = flowProblems.Select(p => p.Code).Distinct() }), null));
        await db.SaveChangesAsync(ct);
        await Persistence.Approval.ServiceItemCache.AnnounceAsync(db, code, ct); // the other nodes forget it when this commits
        await transaction.CommitAsync(ct);
        items.Forget(code);
        return ServiceItemResponse.From(item, planner.CentreDefaults).With(flowProblems);
    }
}
