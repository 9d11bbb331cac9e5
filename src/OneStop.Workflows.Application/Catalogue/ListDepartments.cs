using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>The centre's departments by code, retired ones included (codes used by definitions, users and service items; any member of staff).</summary>
public sealed class ListDepartments(OneStopDbContext db)
{
    public sealed record Query;

    public sealed record Response(IReadOnlyList<DepartmentView> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        return new Response([.. departments.Select(DepartmentView.From)]);
    }
}
