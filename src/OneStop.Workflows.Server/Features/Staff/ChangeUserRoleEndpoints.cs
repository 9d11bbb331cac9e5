using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: change a user's role and department (use case <see cref="ChangeUserRole"/>).</summary>
public static class ChangeUserRoleEndpoints
{
    /// <summary>The body: the new role and department, and optionally the further departments (absent: kept; ADR 0011).</summary>
    public sealed record Request(string? Role, string? Department, IReadOnlyList<string>? FurtherDepartments = null);

    public static void MapChangeUserRole(this RouteGroupBuilder api) =>
        api.MapPut("/admin/users/{userName}/role", async (string userName, HttpContext http, ChangeUserRole change, CancellationToken ct) =>
            {
                var (request, bad) = await RequestJson.ReadAsync<Request>(http.Request, ct);
                return request is null
                    ? bad!
                    : (await change.ExecuteAsync(new(userName, request.Role, request.Department, request.FurtherDepartments), CurrentUser.From(http.User)!, ct)).ToHttp();
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("ChangeUserRole").WithSummary("Change a user's role and department {role, department, furtherDepartments?}; their tokens and cookies end.")
            .Accepts<Request>("application/json").Produces<UserView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
