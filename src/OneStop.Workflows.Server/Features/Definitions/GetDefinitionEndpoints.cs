using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Route: a definition as Elsa JSON, the latest version or <c>?version=N</c> (use case <see cref="GetDefinition"/>).</summary>
public static class GetDefinitionEndpoints
{
    public static void MapGetDefinition(this RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions/{definitionId}", HandleAsync)
            .WithName("GetDefinition")
            .WithSummary("Get the latest version of a definition, or ?version=N.")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string definitionId, int? version, HttpContext http, GetDefinition get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(definitionId, version), CurrentUser.From(http.User)!, ct)).ToHttp(model => Results.Json(model));
}
