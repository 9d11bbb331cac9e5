using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: add a service item (use case <see cref="CreateServiceItem"/>).</summary>
public static class CreateServiceItemEndpoints
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

    private static async Task<IResult> HandleAsync(HttpContext http, CreateServiceItem create, CancellationToken ct)
    {
        var (body, problem) = await ServiceItemRequest.ReadAsync(http.Request, ct);
        return body is null
            ? problem!
            : (await create.ExecuteAsync(new(body), CurrentUser.From(http.User)!, ct))
                .ToHttp(item => Results.Created($"/api/service-items/{Uri.EscapeDataString(item.Code)}", item));
    }
}
