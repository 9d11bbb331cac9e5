using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: replace a service item's fields (use case <see cref="UpdateServiceItem"/>).</summary>
public static class UpdateServiceItemEndpoints
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

    private static async Task<IResult> HandleAsync(string code, HttpContext http, UpdateServiceItem update, CancellationToken ct)
    {
        var (body, problem) = await ServiceItemRequest.ReadAsync(http.Request, ct);
        return body is null ? problem! : (await update.ExecuteAsync(new(code, body), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
