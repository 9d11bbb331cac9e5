using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: list staff accounts, paged and filtered (use case <see cref="ListUsers"/>).</summary>
public static class ListUsersEndpoints
{
    public static void MapListUsers(this RouteGroupBuilder api) =>
        api.MapGet("/admin/users", async (HttpContext http, ListUsers list, string? role, string? department, string? active, string? page, string? pageSize, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var paging = Paging.Read(page, pageSize, errors); // the one paging rule of every list (docs/api.md)
                bool? activeOnly = active switch
                {
                    null => null,
                    "true" => true,
                    "false" => false,
                    _ => Flag(errors),
                };
                return errors.Count > 0
                    ? Problems.Validation(errors)
                    : (await list.ExecuteAsync(new(role, department, activeOnly, paging.Number, paging.Size), CurrentUser.From(http.User)!, ct)).ToHttp();
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("ListUsers").WithSummary("List staff accounts by user name (paged, 0-based page; filters role, department, active).")
            .Produces<ListUsers.Page>().ProducesValidationProblem();

    private static bool? Flag(Dictionary<string, string[]> errors)
    {
        errors["active"] = ["active is true or false."];
        return null;
    }
}
