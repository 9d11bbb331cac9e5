using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>Who may work with workflow definitions and the runtime's raw instances: designers and administrators (the routes' policy says the same).</summary>
internal static class DefinitionRules
{
    public static Refusal? DesignersOnly(Actor actor) =>
        actor.Role is Role.Designer or Role.Administrator ? null : Refusal.Forbidden("Only designers and administrators work with workflow definitions and instances.");
}
