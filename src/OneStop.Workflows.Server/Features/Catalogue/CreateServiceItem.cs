using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Adds a service item to the catalogue (administrators); the item and its audit event are one transaction.</summary>
public static class CreateServiceItem
{
    public static void MapCreateServiceItem(this RouteGroupBuilder api) =>
        api.MapPost("/service-items", HandleAsync)
            .WithName("CreateServiceItem")
            .WithSummary("Create a service item; 409 if the code exists, 400 (field → messages) if it is invalid.")
            .Accepts<ServiceItemBody>("application/json")
            .Produces<ServiceItemResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Administration);

    private static async Task<IResult> HandleAsync(
        HttpContext http, IDbContextFactory<OneStopDbContext> factory, IWorkflowDefinitionStore definitions, IClock clock, [FromServices] LadderSettings centre,
        CancellationToken ct)
    {
        var (body, problem) = await ServiceItemInput.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return problem!;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var (data, errors) = await ServiceItemInput.ValidateAsync(body, db, definitions, ct);
        if (!ServiceItemInput.IsValidCode(body.Code))
        {
            errors["code"] = ["'code' is required: letters, digits, '.', '_' or '-', at most 64 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var code = body.Code!;
        if (await db.ServiceItems.AnyAsync(i => i.Code == code, ct))
        {
            return Problems.Conflict($"A service item '{code}' already exists.");
        }

        var now = clock.GetCurrentInstant();
        var item = new ServiceItem(code, data!, now);
        db.ServiceItems.Add(item);
        db.AuditEvents.Add(new AuditEvent(now, CurrentUser.From(http.User)?.UserName ?? SystemActor.Anonymous, AuditActions.ServiceItemCreated, null, code,
            JsonSerializer.Serialize(new { name = data!.Name, workflowDefinitionId = data.WorkflowDefinitionId }), null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (ExistsElsewhere(factory, code))
        {
            // Another request created the same code between our check and our insert.
            return Problems.Conflict($"A service item '{code}' already exists.");
        }

        return Results.Created($"/api/service-items/{Uri.EscapeDataString(code)}", ServiceItemResponse.From(item, centre));
    }

    /// <summary>Checked on a fresh context, synchronously because exception filters cannot await.</summary>
    private static bool ExistsElsewhere(IDbContextFactory<OneStopDbContext> factory, string code)
    {
        using var db = factory.CreateDbContext();
        return db.ServiceItems.Any(i => i.Code == code);
    }
}
