using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: a window clerk submits an application (use case <see cref="SubmitCase"/>).</summary>
public static class SubmitCaseEndpoints
{
    public sealed record Request(string? ServiceItem, SubmitCase.ApplicantData? Applicant, JsonObject? Form, IReadOnlyList<SubmitCase.MaterialData>? Materials,
        DeliveryMethod? DeliveryMethod, string? DeliveryAddress, string? IdempotencyKey = null);

    public static void MapSubmitCase(this RouteGroupBuilder api) =>
        api.MapPost("/cases", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("SubmitCase").WithSummary("Submit an application; answers the case number and the applicant's query password (shown once).")
            .Accepts<Request>("application/json").Produces<SubmitCase.Receipt>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(HttpContext http, SubmitCase submit, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        var command = new SubmitCase.Command(request.ServiceItem, request.Applicant, request.Form, request.Materials, request.DeliveryMethod, request.DeliveryAddress,
            request.IdempotencyKey);
        return (await submit.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToHttp(r => Results.Created($"/api/cases/{r.Id}", r));
    }
}
