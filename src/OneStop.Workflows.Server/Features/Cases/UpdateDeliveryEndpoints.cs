using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: the lead window records the delivery (送达) of the result (use case <see cref="UpdateDelivery"/>).</summary>
public static class UpdateDeliveryEndpoints
{
    public sealed record Request(DeliveryStatus? Status, string? TrackingNumber);

    public static void MapUpdateDelivery(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id}/delivery", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("UpdateDelivery").WithSummary("Advance the delivery of a completed case; repeating the current status changes nothing.")
            .Accepts<Request>("application/json").Produces<UpdateDelivery.DeliveryView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, UpdateDelivery delivery, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        return request is null
            ? problem!
            : (await delivery.ExecuteAsync(new(id, request.Status, request.TrackingNumber), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
