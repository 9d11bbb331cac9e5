using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>Adds a service item to the catalogue (administrators); the item and its audit event are one transaction.</summary>
public sealed class CreateServiceItem(OneStopDbContext db, IWorkflowDefinitionStore definitions, IClock clock, LadderSettings centre, ActivityCatalogue catalogue)
{
    public sealed record Command(ServiceItemBody Body);

    public async Task<Result<ServiceItemResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (CatalogueRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var body = command.Body;
        var (data, errors) = await ServiceItemInput.ValidateAsync(body, db, definitions, ct);
        if (!ServiceItemInput.IsValidCode(body.Code))
        {
            errors["code"] = [new FieldError(FieldErrorCodes.ServiceItemCodeFormat, "'code' is required: letters, digits, '.', '_' or '-', at most 64 characters.").With("max", 64)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var code = body.Code!;
        if (await db.ServiceItems.AnyAsync(i => i.Code == code, ct))
        {
            return Refusal.Conflict($"A service item '{code}' already exists.", RefusalCodes.Conflict);
        }

        var now = clock.GetCurrentInstant();
        var item = new ServiceItem(code, data!, now);
        var flowProblems = await ItemFlowCheck.ProblemsAsync(code, data!, db, definitions, catalogue, ct); // issue 11 §4: warned, not refused (ADR 0015)
        db.ServiceItems.Add(item);
        db.AuditEvents.Add(new AuditEvent(now, actor.UserName, AuditActions.ServiceItemCreated, null, code,
            flowProblems.Count == 0
                ? JsonSerializer.Serialize(new { name = data!.Name, workflowDefinitionId = data.WorkflowDefinitionId })
                : JsonSerializer.Serialize(new { name = data!.Name, workflowDefinitionId = data.WorkflowDefinitionId, flowProblems = flowProblems.Select(p => p.Code).Distinct() }), null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have created the same code between our check and our insert: ask the database afresh.
            db.ChangeTracker.Clear();
            if (await db.ServiceItems.AnyAsync(i => i.Code == code, ct))
            {
                return Refusal.Conflict($"A service item '{code}' already exists.", RefusalCodes.Conflict);
            }

            throw;
        }

        return ServiceItemResponse.From(item, centre).With(flowProblems);
    }
}
