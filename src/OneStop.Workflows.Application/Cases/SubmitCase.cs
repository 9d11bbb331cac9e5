using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>A window clerk submits an application: a case with a number and a query password, running its item's published flow.</summary>
public sealed partial class SubmitCase(OneStopDbContext db, WorkflowHost host, IClock clock, CentreTimeZone centre)
{
    /// <summary>The applicant as entered at the window.</summary>
    public sealed record ApplicantData(string? Name, string? IdNumber, string? Phone);

    /// <summary>One material handed in (or missing, <see cref="Provided"/> false).</summary>
    public sealed record MaterialData(string? Name, bool Provided = true, string? Note = null);

    public sealed record Command(string? ServiceItem, ApplicantData? Applicant, JsonObject? Form, IReadOnlyList<MaterialData>? Materials,
        DeliveryMethod? DeliveryMethod, string? DeliveryAddress);

    /// <summary>The receipt: the case number and the applicant's query password (shown once, stored only as a hash).</summary>
    public sealed record Receipt(string Id, string Number, string QueryPassword, string Status);

    public async Task<Result<Receipt>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.WindowClerk)
        {
            return Refusal.Forbidden("Applications are submitted by window clerks.");
        }

        ServiceItem? item = null;
        List<string> retired = [];
        if (command.ServiceItem is not null)
        {
            // The item and its departments' standing in one read transaction.
            await using var read = await db.ReadTransactionAsync(ct);
            item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Code == command.ServiceItem, ct);
            if (item is not null)
            {
                var needed = item.ReviewingDepartments.ToList();
                retired = await db.Departments.AsNoTracking().Where(d => needed.Contains(d.Code) && d.RetiredAt != null).Select(d => d.Code).ToListAsync(ct);
            }

            await read.CompleteAsync(ct);
        }

        var errors = Validate(command, item);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (item!.Data.LeadDepartment != actor.Department)
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
            var @case = NewCase(command, item, actor, password);
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
                    : new Receipt(@case.Id.ToString(), @case.Number, password, @case.Status.ToString());
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // A case number clash (1 in ~10^9): draw another number.
            }
        }
    }

    private Case NewCase(Command command, ServiceItem item, Actor actor, string password)
    {
        var now = clock.GetCurrentInstant();
        var today = centre.DateOf(now);
        var @case = new Case(CaseId.New(), QueryPasswords.NewCaseNumber(today), QueryPasswords.Hash(password), item,
            new Applicant(command.Applicant!.Name!.Trim(), command.Applicant.IdNumber!.Trim().ToUpperInvariant(), command.Applicant.Phone!.Trim()),
            (command.Form ?? []).ToJsonString(), command.Materials!.Select(m => new SubmittedMaterial(m.Name!.Trim(), m.Provided, m.Note)).ToList(),
            command.DeliveryMethod!.Value, command.DeliveryAddress, WorkflowInstanceId.New(), now, today);
        @case.TakeOwnership(actor.UserName, now);
        return @case;
    }

    private static Dictionary<string, string[]> Validate(Command r, ServiceItem? item)
    {
        var errors = new Dictionary<string, string[]>();
        if (item is null)
        {
            errors["serviceItem"] = [r.ServiceItem is null ? "The service item is required." : $"No service item '{r.ServiceItem}'."];
        }

        if (string.IsNullOrWhiteSpace(r.Applicant?.Name) || r.Applicant.Name.Length > 100)
        {
            errors["applicant.name"] = ["The applicant's name is required (at most 100 characters)."];
        }

        if (r.Applicant?.IdNumber?.Trim().ToUpperInvariant() is not { } id || !(ResidentIdNumber.IsValid(id) || UnifiedSocialCreditCode.IsValid(id)))
        {
            errors["applicant.idNumber"] = ["An 18-character resident ID number (GB 11643: 17 digits with a real birth date, then the check digit or X) " +
                "or unified social credit code (GB 32100) with the right check character is required."];
        }

        if (r.Applicant?.Phone is not { } phone || !PhonePattern().IsMatch(phone.Trim()))
        {
            errors["applicant.phone"] = ["A mobile number of 11 digits starting with 1 is required."];
        }

        if (r.Materials is null || r.Materials.Any(m => string.IsNullOrWhiteSpace(m.Name)))
        {
            errors["materials"] = ["The list of materials is required; each needs a name."];
        }

        if (r.DeliveryMethod is not { } method)
        {
            errors["deliveryMethod"] = ["The delivery method is required (Pickup, Mail or Electronic)."];
        }
        else if (item is not null && !item.Data.DeliveryMethods.Contains(method))
        {
            errors["deliveryMethod"] = [$"{item.Code} delivers by {string.Join(", ", item.Data.DeliveryMethods)} only."];
        }
        else if (method == DeliveryMethod.Mail && string.IsNullOrWhiteSpace(r.DeliveryAddress))
        {
            errors["deliveryAddress"] = ["A postal address is required for delivery by mail."];
        }

        return errors;
    }

    [GeneratedRegex("^1[0-9]{10}$")]
    private static partial Regex PhonePattern();
}
