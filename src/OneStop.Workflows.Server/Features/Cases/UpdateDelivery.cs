using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>The lead window records the delivery (送达) of the result: dispatched / ready for pickup / delivered.</summary>
public static class UpdateDelivery
{
    public sealed record Request(DeliveryStatus? Status, string? TrackingNumber);

    public sealed record Response(string CaseId, string DeliveryMethod, string DeliveryStatus, string? TrackingNumber, string? DeliveredAt);

    public static void MapUpdateDelivery(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id}/delivery", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("UpdateDelivery").WithSummary("Advance the delivery of a completed case; repeating the current status changes nothing.")
            .Accepts<Request>("application/json").Produces<Response>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, IClock clock, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        if (request.Status is not { } next || next is DeliveryStatus.NotReady or DeliveryStatus.Pending)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["status"] = ["One of Dispatched, ReadyForPickup, Delivered."] });
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = CaseId.TryParse(id, out var caseId) ? await db.Cases.FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
        if (c is null || !await CaseAccess.CanSeeAsync(db, user, c.Id, ct))
        {
            return Problems.NotFound("No case with that id is visible to you.");
        }

        if (c.LeadDepartment != user.Department)
        {
            return Problems.Forbidden($"Delivery is handled by the lead window ({c.LeadDepartment}).");
        }

        if (c.DeliveryStatus == next)
        {
            return Results.Ok(Answer(c));
        }

        var now = clock.GetCurrentInstant();
        if (!c.TryAdvanceDelivery(next, request.TrackingNumber, now, out var refusal))
        {
            return Problems.Conflict(refusal!, "delivery.transition");
        }

        db.AuditEvents.Add(new AuditEvent(now, user.UserName, AuditActions.DeliveryUpdated, c.Id.Value, next.ToString(), null, request.TrackingNumber,
            AuditVisibility.Public, next switch
            {
                DeliveryStatus.Dispatched => $"Result dispatched by mail 已邮寄 {request.TrackingNumber}".Trim(),
                DeliveryStatus.ReadyForPickup => "Result ready for pickup 待领取",
                _ => "Result delivered 已送达",
            }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The case changed meanwhile; read it again and retry.", "case.concurrent-change");
        }

        return Results.Ok(Answer(c));
    }

    private static Response Answer(Case c) =>
        new(c.Id.ToString(), c.DeliveryMethod.ToString(), c.DeliveryStatus.ToString(), c.TrackingNumber, c.DeliveredAt?.ToString());
}
