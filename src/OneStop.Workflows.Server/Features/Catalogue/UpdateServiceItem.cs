using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>
/// Replaces a service item's catalogue fields (administrators). Guarded by the item's version: a concurrent update
/// (or a body whose <c>version</c> is stale) gets 409. When its <c>supervision</c> block changes, the running clocks of
/// its open cases are re-planned under the new settings (pending signals only). The item, the re-planning and the audit
/// event are one transaction.
/// </summary>
public static class UpdateServiceItem
{
    public static void MapUpdateServiceItem(this RouteGroupBuilder api) =>
        api.MapPut("/service-items/{code}", HandleAsync)
            .WithName("UpdateServiceItem")
            .WithSummary("Replace a service item's fields; 404 if absent, 400 if invalid, 409 on a concurrent update.")
            .Accepts<ServiceItemBody>("application/json")
            .Produces<ServiceItemResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Administration);

    private static async Task<IResult> HandleAsync(
        string code, HttpContext http, IDbContextFactory<OneStopDbContext> factory, IWorkflowDefinitionStore definitions, IClock clock,
        SignalPlanner planner, CancellationToken ct)
    {
        var (body, problem) = await ServiceItemInput.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Code == code, ct);
        if (item is null)
        {
            return Problems.NotFound($"No service item '{code}'.");
        }

        var (data, errors) = await ServiceItemInput.ValidateAsync(body, db, definitions, ct);
        if (body.Code is not null && body.Code != code)
        {
            errors["code"] = [$"The code in the body ('{body.Code}') differs from the code in the path ('{code}'); codes cannot be changed."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (body.Version is { } expected && expected != item.Version)
        {
            return Problems.Conflict($"Service item '{code}' is at version {item.Version}, not {expected}; reload it and apply the change again.");
        }

        var changed = ServiceItemInput.ChangedFields(item.Data, data!);
        if (changed.Count == 0)
        {
            return Results.Ok(ServiceItemResponse.From(item, planner.CentreDefaults));
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
            return Problems.Conflict($"Service item '{code}' was changed by someone else meanwhile; reload it and apply the change again.");
        }

        // Clocks copy their limits when they start, so only the ladder settings reach cases already running.
        var replannedClocks = changed.Contains(ItemSupervision.Field) ? await planner.ReplanItemAsync(db, code, data!, now, ct) : 0;
        db.AuditEvents.Add(new AuditEvent(now, CurrentUser.From(http.User)?.UserName ?? SystemActor.Anonymous, AuditActions.ServiceItemUpdated, null, code,
            JsonSerializer.Serialize(new { changed, fromVersion, toVersion = item.Version, replannedClocks }), null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(ServiceItemResponse.From(item, planner.CentreDefaults));
    }
}
