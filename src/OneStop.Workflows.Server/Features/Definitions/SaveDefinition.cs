using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>
/// Saves (and optionally publishes) an Elsa 3 JSON workflow definition. The save stops when the client goes away or the
/// server begins to shut down (then 503, nothing stored), so a save never holds up a shutdown.
/// </summary>
public static class SaveDefinition
{
    /// <summary>The answer to a save.</summary>
    public sealed record Response(string DefinitionId, int Version, string Id, bool IsPublished, bool IsLatest, bool AlreadyPublished);

    public static void MapSaveDefinition(this RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions", HandleAsync)
            .WithName("SaveDefinition")
            .WithSummary("Save an Elsa 3 JSON definition; ?publish=true publishes it.")
            .Accepts<object>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .Produces<Response>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(HttpRequest request, DefinitionService definitions, ServerStopping stopping, bool? publish, CancellationToken ct)
    {
        using var save = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping.Token);
        SaveDefinitionOutcome outcome;
        try
        {
            var json = await RequestJson.ReadTextAsync(request, save.Token);
            // The text rules first; malformed JSON is left to the definition parser, which names the path and code.
            if (!string.IsNullOrWhiteSpace(json) && JsonBodyRules.Check(json, BodyKind.Definition, out _) is { } textProblems)
            {
                return Problems.Validation(textProblems);
            }

            outcome = await definitions.SaveAsync(json, publish ?? false, save.Token);
        }
        catch (OperationCanceledException) when (stopping.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Problems.ShuttingDown("The server began to shut down during the save; the definition was not stored. Send it again.");
        }

        if (outcome.Saved is not { } saved)
        {
            return Problems.InvalidDefinition(outcome.Errors);
        }

        var response = new Response(saved.DefinitionId, saved.Version, saved.Id, saved.IsPublished, saved.IsLatest, outcome.AlreadyPublished);
        return outcome.AlreadyPublished
            ? Results.Ok(response)
            : Results.Created($"/api/workflow-definitions/{Uri.EscapeDataString(saved.DefinitionId)}?version={saved.Version}", response);
    }
}
