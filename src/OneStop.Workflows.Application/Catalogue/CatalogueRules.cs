using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>Who may change the catalogue: administrators (the route's policy says the same); every member of staff may read it.</summary>
internal static class CatalogueRules
{
    public static Refusal? AdministratorOnly(Actor actor) =>
        actor.Role == Role.Administrator ? null : Refusal.Forbidden("Only administrators change the service catalogue.");
}
