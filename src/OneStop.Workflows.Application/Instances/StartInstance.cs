using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application.Instances;

/// <summary>Starts an instance of a definition's published version (or a given version, which must be published); designers, administrators.</summary>
public sealed class StartInstance(WorkflowHost host)
{
    public sealed record Command(string DefinitionId, int? Version);

    public async Task<Result<InstanceResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var outcome = await host.StartAsync(command.DefinitionId, command.Version, ct);
        return outcome.Summary is { } summary ? InstanceResponse.From(summary) : HostRefusals.From(outcome.Error!.Value);
    }
}
