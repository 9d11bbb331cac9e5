using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>
/// Saves (and optionally publishes) an Elsa 3 JSON workflow definition (designers, administrators). The value is the
/// engine's outcome: the stored version, or every validation problem with its JSON path and code (nothing stored).
/// </summary>
public sealed class SaveDefinition(DefinitionService definitions)
{
    public sealed record Command(string Json, bool Publish);

    /// <summary>The answer to a save.</summary>
    public sealed record Response(string DefinitionId, int Version, string Id, bool IsPublished, bool IsLatest, bool AlreadyPublished);

    /// <param name="ct">Also ends the save when the server begins to shut down (the caller links it).</param>
    public async Task<Result<SaveDefinitionOutcome>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        return await definitions.SaveAsync(command.Json, command.Publish, ct);
    }

    /// <summary>The answer to a successful save.</summary>
    public static Response ResponseOf(SaveDefinitionOutcome outcome)
    {
        var saved = outcome.Saved ?? throw new ArgumentException("The save failed.", nameof(outcome));
        return new Response(saved.DefinitionId, saved.Version, saved.Id, saved.IsPublished, saved.IsLatest, outcome.AlreadyPublished);
    }
}
