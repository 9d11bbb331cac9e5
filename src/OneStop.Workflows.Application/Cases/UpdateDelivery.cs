using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>The lead window records the delivery (送达) of the result: dispatched / ready for pickup / delivered; the current status again changes nothing.</summary>
public sealed class UpdateDelivery(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string CaseId, DeliveryStatus? Status, string? TrackingNumber);

    /// <summary>The case's delivery after the command.</summary>
    public sealed record DeliveryView(string CaseId, string DeliveryMethod, string DeliveryStatus, string? TrackingNumber, string? DeliveredAt);

    public async Task<Result<DeliveryView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.WindowClerk)
        {
            return Refusal.Forbidden("Delivery is recorded by window clerks.");
        }

        if (command.Status is not { } next || next is DeliveryStatus.NotReady or DeliveryStatus.Pending)
        {
            return Refusal.Invalid("status", new FieldError(FieldErrorCodes.DeliveryStatusInvalid, "One of Dispatched, ReadyForPickup, Delivered."));
        }

        var c = CaseId.TryParse(command.CaseId, out var caseId) ? await db.Cases.FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
        if (c is null || !await CaseAccess.CanSeeAsync(db, actor, c.Id, ct))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        if (!actor.WorksFor(c.LeadDepartment))
        {
            return Refusal.Forbidden($"Delivery is handled by the lead window ({c.LeadDepartment}).");
        }

        if (c.DeliveryStatus == next)
        {
            return View(c);
        }

        var now = clock.GetCurrentInstant();
        if (!c.TryAdvanceDelivery(next, command.TrackingNumber, now, out var refusal))
        {
            return Refusal.Conflict(refusal!, RefusalCodes.DeliveryTransition);
        }

        db.AuditEvents.Add(new AuditEvent(now, actor.UserName, AuditActions.DeliveryUpdated, c.Id.Value, next.ToString(), null, command.TrackingNumber,
            AuditVisibility.Public, next switch
            {
                DeliveryStatus.Dispatched => $"Result dispatched by mail 已邮寄 {command.TrackingNumber}".Trim(),
                DeliveryStatus.ReadyForPickup => "Result ready for pickup 待领取",
                _ => "Result delivered 已送达",
            }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict("The case changed meanwhile; read it again and retry.", RefusalCodes.CaseConcurrentChange);
        }

        return View(c);
    }

    private static DeliveryView View(Case c) =>
        new(c.Id.ToString(), c.DeliveryMethod.ToString(), c.DeliveryStatus.ToString(), c.TrackingNumber, c.DeliveredAt?.ToString());
}
