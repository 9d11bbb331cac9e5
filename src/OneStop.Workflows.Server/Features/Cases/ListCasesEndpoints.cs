using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: case search, paged (use case <see cref="ListCases"/>).</summary>
public static class ListCasesEndpoints
{
    public static void MapListCases(this RouteGroupBuilder api) =>
        api.MapGet("/cases", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListCases").WithSummary("Cases by status, service item and department (paged, 0-based page).")
            .Produces<ListCases.Page>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, ListCases list, string? status, string? serviceItem, string? department, string? page,
        string? pageSize, string? number, string? applicant, string? deliveryStatus, CancellationToken ct)
    {
        CaseStatus? wanted = null;
        var errors = new Dictionary<string, string[]>();
        if (status is not null)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                errors["status"] = [$"Unknown status '{InputText.Quote(status)}'; one of {string.Join(", ", Enum.GetNames<CaseStatus>())}."];
            }

            wanted = parsed;
        }

        DeliveryStatus? delivery = null;
        if (deliveryStatus is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(deliveryStatus, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(deliveryStatus, out _))
            {
                errors["deliveryStatus"] = [$"Unknown delivery status '{InputText.Quote(deliveryStatus)}'; one of {string.Join(", ", Enum.GetNames<DeliveryStatus>())}."];
            }

            delivery = parsed;
        }

        var paging = Paging.Read(page, pageSize, errors);
        var actor = CurrentUser.From(http.User)!;
        // A designer is refused (403) before the query is judged; the use case refuses them without reading anything.
        return errors.Count > 0 && CaseAccess.SeesCases(actor)
            ? Problems.Validation(errors)
            : (await list.ExecuteAsync(new(wanted, serviceItem, department, paging.Number, paging.Size, number, applicant, delivery), actor, ct)).ToHttp();
    }
}
