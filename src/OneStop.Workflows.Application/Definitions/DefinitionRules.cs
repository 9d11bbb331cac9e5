using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>Who may work with workflow definitions and the runtime's raw instances: designers and administrators (the routes' policy says the same).</summary>
internal static class DefinitionRules
{
    public static Refusal? DesignersOnly(Actor actor) =>
        actor.Role is Role.Designer or Role.Administrator ? null : Refusal.Forbidden("Only designers and administrators work with workflow definitions and instances.");

    /// <summary>Issue 11: who may open definitions in the designer (Elsa Studio): designers and administrators, and supervisors to view (read-only).</summary>
    public static Refusal? Readers(Actor actor) =>
        actor.Role is Role.Designer or Role.Administrator or Role.Supervisor ? null : Refusal.Forbidden("Only designers, supervisors and administrators open workflow definitions in the designer.");

    /// <summary>Issue 11: whether the actor may change definitions (a supervisor only views them).</summary>
    public static bool MayEdit(Actor actor) => DesignersOnly(actor) is null;
}
