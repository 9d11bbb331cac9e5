using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>Who may read the supervision lists and figures: supervisors, administrators and department heads (as the route's policy).</summary>
internal static class SupervisionAccess
{
    public static Refusal? CheckReader(Actor actor) => actor.Role is Role.Supervisor or Role.Administrator or Role.DepartmentHead
        ? null
        : Refusal.Forbidden("Only supervisors, administrators and department heads read supervision signals and figures.");
}
