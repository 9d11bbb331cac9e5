using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Cases;

/// <summary>A window clerk submits an application: a case with a number and a query password, running its item's published flow.</summary>
/// <remarks>
/// With an idempotency key (issue 10) the same clerk's same key and application again answers the first case (without the
/// password, which only the first answer carries); the same key with another application is refused (409).
/// </remarks>
public sealed partial class SubmitCase(OneStopDbContext db, WorkflowHost host, IClock clock, CentreTimeZone centre, EffectiveCalendarStore calendar,
    Persistence.Approval.ServiceItemCache items)
{
    /// <summary>The applicant as entered at the window.</summary>
    public sealed record ApplicantData(string? Name, string? IdNumber, string? Phone);

    /// <summary>One material handed in (or missing, <see cref="Provided"/> false).</summary>
    public sealed record MaterialData(string? Name, bool Provided = true, string? Note = null);

    /// <summary>The application; <paramref name="IdempotencyKey"/> (optional, at most 200 characters) makes a repeat answer the first case.</summary>
    public sealed record Command(string? ServiceItem, ApplicantData? Applicant, JsonObject? Form, IReadOnlyList<MaterialData>? Materials,
        DeliveryMethod? DeliveryMethod, string? DeliveryAddress, string? IdempotencyKey = null);

    /// <summary>
    /// The receipt: the case number and the applicant's query password (shown once, stored only as a hash, so a replay of the same
    /// idempotency key carries none and says <paramref name="Replayed"/>). Also the receipt date (centre), the instant received and
    /// the promised completion day: projected from the receipt date before acceptance, the case clock's promised due day after.
    /// </summary>
    public sealed record Receipt(string Id, string Number, string? QueryPassword, string Status, string ReceiptDate, string ReceivedAt,
        string? PromisedCompletion, bool PromisedCompletionProjected, bool Replayed);

    public async Task<Result<Receipt>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.WindowClerk)
        {
            return Refusal.Forbidden("Applications are submitted by window clerks.");
        }

        var key = command.IdempotencyKey?.Trim();
        var keyProblem = key is { Length: 0 or > SubmissionKeys.MaxLength };
        CaseId? keyedId = key is not null && !keyProblem ? SubmissionKeys.CaseIdFor(actor.UserName, key) : null;
        if (keyedId is { } earlierId && await ReplayAsync(earlierId, command, ct) is { } replay)
        {
            return replay;
        }

        ServiceItem? item = null;
        List<string> retired = [];
        if (command.ServiceItem is not null)
        {
            // The item (kept per node, ADR 0012) and its departments' standing in one read transaction.
            await using var read = await db.ReadTransactionAsync(ct);
            item = await items.FindAsync(db, command.ServiceItem, ct);
            if (item is not null)
            {
                var needed = item.ReviewingDepartments.ToList();
                retired = await db.Departments.AsNoTracking().Where(d => needed.Contains(d.Code) && d.RetiredAt != null).Select(d => d.Code).ToListAsync(ct);
            }

            await read.CompleteAsync(ct);
        }

        var errors = Validate(command, item);
        if (keyProblem)
        {
            errors["idempotencyKey"] = [new FieldError(FieldErrorCodes.IdempotencyKeyOptional, $"Optional; when given, not blank and at most {SubmissionKeys.MaxLength} characters.")
                .With("max", SubmissionKeys.MaxLength)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (!actor.WorksFor(item!.Data.LeadDepartment))
        {
            return Refusal.Forbidden($"Applications for {item.Code} are received at the lead window ({item.Data.LeadDepartment}).");
        }

        if (retired.Count > 0)
        {
            return Refusal.Conflict($"Service item {item.Code} cannot take applications: its flow needs the retired department(s) {string.Join(", ", retired)}; " +
                "an administrator must change the item first. 该事项涉及已撤销部门，暂停受理。", RefusalCodes.ItemDepartmentRetired);
        }

        for (var attempt = 1; ; attempt++)
        {
            var password = QueryPasswords.NewPassword();
            var @case = NewCase(command, item, actor, password, keyedId ?? CaseId.New());
            var input = new JsonObject
            {
                [CaseWorkflowInput.CaseId] = @case.Id.ToString(),
                [CaseWorkflowInput.LeadDepartment] = item.Data.LeadDepartment,
                [CaseWorkflowInput.RefusalPolicy] = item.Data.RefusalPolicy.ToString(),
            };
            try
            {
                var started = await host.StartAsync(new StartCommand(item.Data.WorkflowDefinitionId, Input: input, Context: new SubmitCaseContext(@case, actor.UserName),
                    InstanceId: @case.InstanceId), ct);
                return started.Error is { } error
                    ? Refusal.Conflict($"Service item {item.Code} cannot take applications: its workflow '{item.Data.WorkflowDefinitionId}' is " +
                        $"{(error == HostError.NoPublishedVersion ? "not published" : "missing")}.", RefusalCodes.ItemWorkflowUnavailable)
                    : await ReceiptAsync(@case, item, password, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < 5 || keyedId is not null)
            {
                // The same key committed meanwhile (the case id is taken): answer as a replay. Else a case number clash (1 in ~10^9): draw another number.
                if (keyedId is { } takenId && await ReplayAsync(takenId, command, ct) is { } raced)
                {
                    return raced;
                }

                if (attempt >= 5)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The answer to a repeated key: the first case's receipt (no password), a conflict for another application, or null when the key is new.</summary>
    private async Task<Result<Receipt>?> ReplayAsync(CaseId id, Command command, CancellationToken ct)
    {
        var earlier = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (earlier is null)
        {
            return null;
        }

        if (!SubmissionKeys.SameApplication(earlier, command))
        {
            return Refusal.Conflict($"This idempotency key was already used for another application (case {earlier.Number}); use a new key for a new application.",
                RefusalCodes.CaseIdempotencyKeyReused);
        }

        var item = await items.FindAsync(db, earlier.ServiceItemCode, ct);
        return await ReceiptAsync(earlier, item, null, ct);
    }

    /// <summary>
    /// The receipt of <paramref name="c"/>. Before acceptance the promised completion is projected: the item's promised limit counted
    /// from the receipt date on the calendar in force (as the case clock would count if accepted that day); after, the case clock's.
    /// </summary>
    private async Task<Receipt> ReceiptAsync(Case c, ServiceItem? item, string? password, CancellationToken ct)
    {
        var cal = await calendar.CurrentAsync(ct);
        LocalDate? promised;
        var projected = c.AcceptedAt is null;
        if (projected)
        {
            // A case refused at acceptance (NotAccepted) was never promised anything.
            promised = item?.Data.PromisedLimit is { } limit && !c.IsClosed ? cal.Due(c.ReceiptDate, limit.Value, limit.Unit).Due : null;
        }
        else
        {
            var caseClock = await db.Clocks.AsNoTracking().FirstOrDefaultAsync(k => k.CaseId == c.Id && k.Kind == ClockKind.Case, ct);
            promised = caseClock?.Deadlines(cal).PromisedDue;
        }

        return new Receipt(c.Id.ToString(), c.Number, password, c.Status.ToString(), IsoDate.Format(c.ReceiptDate), c.ReceivedAt.ToString(),
            IsoDate.Format(promised), projected, Replayed: password is null);
    }

    private Case NewCase(Command command, ServiceItem item, Actor actor, string password, CaseId id)
    {
        var now = clock.GetCurrentInstant();
        var today = centre.DateOf(now);
        var @case = new Case(id, QueryPasswords.NewCaseNumber(today), QueryPasswords.Hash(password), item,
            new Applicant(command.Applicant!.Name!.Trim(), command.Applicant.IdNumber!.Trim().ToUpperInvariant(), command.Applicant.Phone!.Trim()),
            (command.Form ?? []).ToJsonString(), command.Materials!.Select(m => new SubmittedMaterial(m.Name!.Trim(), m.Provided, m.Note)).ToList(),
            command.DeliveryMethod!.Value, command.DeliveryAddress, WorkflowInstanceId.New(), now, today);
        @case.TakeOwnership(actor.UserName, now);
        return @case;
    }

    private static Dictionary<string, FieldError[]> Validate(Command r, ServiceItem? item)
    {
        var errors = new Dictionary<string, FieldError[]>();
        if (item is null)
        {
            errors["serviceItem"] = [r.ServiceItem is null ? new(FieldErrorCodes.ServiceItemRequired, "The service item is required.")
                : new FieldError(FieldErrorCodes.ServiceItemUnknown, $"No service item '{r.ServiceItem}'.").With("value", r.ServiceItem)];
        }

        if (string.IsNullOrWhiteSpace(r.Applicant?.Name) || r.Applicant.Name.Length > 100)
        {
            errors["applicant.name"] = [new FieldError(FieldErrorCodes.ApplicantNameRequired, "The applicant's name is required (at most 100 characters).").With("max", 100)];
        }

        if (r.Applicant?.IdNumber?.Trim().ToUpperInvariant() is not { } id || !(ResidentIdNumber.IsValid(id) || UnifiedSocialCreditCode.IsValid(id)))
        {
            errors["applicant.idNumber"] = [new(FieldErrorCodes.ApplicantIdNumberInvalid,
                "An 18-character resident ID number (GB 11643: 17 digits with a real birth date, then the check digit or X) " +
                "or unified social credit code (GB 32100) with the right check character is required.")];
        }

        if (r.Applicant?.Phone is not { } phone || !PhonePattern().IsMatch(phone.Trim()))
        {
            errors["applicant.phone"] = [new(FieldErrorCodes.ApplicantPhoneInvalid, "A mobile number of 11 digits starting with 1 is required.")];
        }

        if (r.Materials is null || r.Materials.Any(m => string.IsNullOrWhiteSpace(m.Name)))
        {
            errors["materials"] = [new(FieldErrorCodes.MaterialsRequired, "The list of materials is required; each needs a name.")];
        }

        if (r.DeliveryMethod is not { } method)
        {
            errors["deliveryMethod"] = [new(FieldErrorCodes.DeliveryMethodRequired, "The delivery method is required (Pickup, Mail or Electronic).")];
        }
        else if (item is not null && !item.Data.DeliveryMethods.Contains(method))
        {
            errors["deliveryMethod"] = [new FieldError(FieldErrorCodes.DeliveryMethodNotOffered, $"{item.Code} delivers by {string.Join(", ", item.Data.DeliveryMethods)} only.")
                .With("item", item.Code).With("methods", string.Join(", ", item.Data.DeliveryMethods))];
        }
        else if (method == DeliveryMethod.Mail && string.IsNullOrWhiteSpace(r.DeliveryAddress))
        {
            errors["deliveryAddress"] = [new(FieldErrorCodes.DeliveryAddressRequired, "A postal address is required for delivery by mail.")];
        }

        return errors;
    }

    [GeneratedRegex("^1[0-9]{10}$")]
    private static partial Regex PhonePattern();
}
