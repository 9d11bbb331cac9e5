using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>A window clerk submits an application: a case with a number and a query password, running its item's published flow.</summary>
public static partial class SubmitCase
{
    public sealed record ApplicantData(string? Name, string? IdNumber, string? Phone);

    public sealed record MaterialData(string? Name, bool Provided = true, string? Note = null);

    public sealed record Request(string? ServiceItem, ApplicantData? Applicant, JsonObject? Form, IReadOnlyList<MaterialData>? Materials,
        DeliveryMethod? DeliveryMethod, string? DeliveryAddress);

    public sealed record Response(string Id, string Number, string QueryPassword, string Status);

    public static void MapSubmitCase(this RouteGroupBuilder api) =>
        api.MapPost("/cases", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("SubmitCase").WithSummary("Submit an application; answers the case number and the applicant's query password (shown once).")
            .Accepts<Request>("application/json").Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(HttpContext http, IDbContextFactory<OneStopDbContext> contexts, WorkflowHost host, IClock clock,
        CentreTimeZone centre, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        ServiceItem? item;
        List<string> retired = [];
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            item = request.ServiceItem is null ? null : await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Code == request.ServiceItem, ct);
            if (item is not null)
            {
                var needed = item.ReviewingDepartments.ToList();
                retired = await db.Departments.AsNoTracking().Where(d => needed.Contains(d.Code) && d.RetiredAt != null).Select(d => d.Code).ToListAsync(ct);
            }
        }

        var errors = Validate(request, item);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (item!.Data.LeadDepartment != user.Department)
        {
            return Problems.Forbidden($"Applications for {item.Code} are received at the lead window ({item.Data.LeadDepartment}).");
        }

        if (retired.Count > 0)
        {
            return Problems.Conflict($"Service item {item.Code} cannot take applications: its flow needs the retired department(s) {string.Join(", ", retired)}; " +
                "an administrator must change the item first. 该事项涉及已撤销部门，暂停受理。", "item.department-retired");
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetCurrentInstant();
            var today = centre.DateOf(now);
            var password = QueryPasswords.NewPassword();
            var instanceId = WorkflowInstanceId.New();
            var @case = new Case(CaseId.New(), QueryPasswords.NewCaseNumber(today), QueryPasswords.Hash(password), item!,
                new Applicant(request.Applicant!.Name!.Trim(), request.Applicant.IdNumber!.Trim().ToUpperInvariant(), request.Applicant.Phone!.Trim()),
                (request.Form ?? []).ToJsonString(), request.Materials!.Select(m => new SubmittedMaterial(m.Name!.Trim(), m.Provided, m.Note)).ToList(),
                request.DeliveryMethod!.Value, request.DeliveryAddress, instanceId, now, today);
            @case.TakeOwnership(user.UserName, now);
            var input = new JsonObject
            {
                [CaseWorkflowInput.CaseId] = @case.Id.ToString(),
                [CaseWorkflowInput.LeadDepartment] = item!.Data.LeadDepartment,
                [CaseWorkflowInput.RefusalPolicy] = item.Data.RefusalPolicy.ToString(),
            };
            try
            {
                var started = await host.StartAsync(new StartCommand(item.Data.WorkflowDefinitionId, Input: input, Context: new SubmitCaseContext(@case, user.UserName), InstanceId: instanceId), ct);
                return started.Error is { } error
                    ? Problems.Conflict($"Service item {item.Code} cannot take applications: its workflow '{item.Data.WorkflowDefinitionId}' is {(error == HostError.NoPublishedVersion ? "not published" : "missing")}.", "item.workflow.unavailable")
                    : Results.Created($"/api/cases/{@case.Id}", new Response(@case.Id.ToString(), @case.Number, password, @case.Status.ToString()));
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // A case number clash (1 in ~10^9): draw another number.
            }
        }
    }

    private static Dictionary<string, string[]> Validate(Request r, ServiceItem? item)
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
