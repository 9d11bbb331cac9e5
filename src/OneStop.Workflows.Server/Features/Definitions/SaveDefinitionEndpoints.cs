using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>
/// Route: save (and optionally publish) an Elsa 3 JSON workflow definition (use case <see cref="SaveDefinition"/>). The save
/// stops when the client goes away or the server begins to shut down (then 503, nothing stored), so a save never holds up a shutdown.
/// </summary>
public static class SaveDefinitionEndpoints
{
    public static void MapSaveDefinition(this RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions", HandleAsync)
            .WithName("SaveDefinition")
            .WithSummary("Save an Elsa 3 JSON definition; ?publish=true publishes it.")
            .Accepts<object>("application/json")
            .Produces<SaveDefinition.Response>(StatusCodes.Status201Created)
            .Produces<SaveDefinition.Response>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(HttpContext http, SaveDefinition save, ServerStopping stopping, bool? publish, CancellationToken ct)
    {
        using var saving = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping.Token);
        Result<Engine.Hosting.SaveDefinitionOutcome> result;
        try
        {
            var json = await RequestJson.ReadTextAsync(http.Request, saving.Token);
            // The text rules first; malformed JSON is left to the definition parser, which names the path and code.
            if (!string.IsNullOrWhiteSpace(json) && JsonBodyRules.Check(json, BodyKind.Definition, out _) is { } textProblems)
            {
                return Problems.Validation(textProblems);
            }

            result = await save.ExecuteAsync(new(json, publish ?? false), CurrentUser.From(http.User)!, saving.Token);
        }
        catch (OperationCanceledException) when (stopping.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Problems.ShuttingDown("The server began to shut down during the save; the definition was not stored. Send it again.");
        }

        return result.ToHttp(outcome => outcome.Saved is not { } saved ? Problems.InvalidDefinition(outcome.Errors)
            : outcome.AlreadyPublished ? Results.Ok(SaveDefinition.ResponseOf(outcome))
            : Results.Created($"/api/workflow-definitions/{Uri.EscapeDataString(saved.DefinitionId)}?version={saved.Version}", SaveDefinition.ResponseOf(outcome)));
    }
}
