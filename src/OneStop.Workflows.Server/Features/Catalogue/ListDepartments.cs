using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Lists the centre's departments (codes used by definitions, users and service items).</summary>
public static class ListDepartments
{
    public sealed record Response(IReadOnlyList<Staff.DepartmentView> Items);

    public static void MapListDepartments(this RouteGroupBuilder api) =>
        api.MapGet("/departments", HandleAsync)
            .WithName("ListDepartments")
            .WithSummary("List the departments, ordered by code, retired ones included (active: false).")
            .RequireAuthorization(Policies.Staff);

    private static async Task<Ok<Response>> HandleAsync(IDbContextFactory<OneStopDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        return TypedResults.Ok(new Response([.. departments.Select(Staff.DepartmentView.From)]));
    }
}
