using Microsoft.AspNetCore.Http.HttpResults;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: the departments, ordered by code (use case <see cref="ListDepartments"/>; it never refuses).</summary>
public static class ListDepartmentsEndpoints
{
    public static void MapListDepartments(this RouteGroupBuilder api) =>
        api.MapGet("/departments", HandleAsync)
            .WithName("ListDepartments")
            .WithSummary("List the departments, ordered by code, retired ones included (active: false).")
            .RequireAuthorization(Policies.Staff);

    private static async Task<Ok<ListDepartments.Response>> HandleAsync(HttpContext http, ListDepartments list, CancellationToken ct) =>
        TypedResults.Ok((await list.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).Value!);
}
