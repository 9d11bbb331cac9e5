using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The centre's staff accounts by user name, paged (0-based page), optionally by role, department or active.</summary>
public static class ListUsers
{
    public sealed record Query(string? Role, string? Department, bool? Active, int Page, int PageSize);

    public sealed record Page(IReadOnlyList<UserView> Items, int TotalCount, int PageNumber, int PageSize);

    public static async Task<StaffOutcome<Page>> HandleAsync(Query query, StaffContext staff, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Role? role = query.Role is null ? null : StaffRules.ParseRole(query.Role, errors);
        if (query.Department is { } filter && Domain.Catalogue.Department.CodeProblem(filter) is not null)
        {
            errors["department"] = [$"'{StaffRules.Printable(filter)}' is not a department code."];
        }

        if (query.Page is < 0 or > Paging.MaxPage)
        {
            errors["page"] = [$"page is a 0-based page number from 0 to {Paging.MaxPage}."];
        }

        if (query.PageSize is < 1 or > Paging.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is from 1 to {Paging.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (role is { } r)
        {
            users = users.Where(u => u.Role == r);
        }

        if (query.Department is { } department)
        {
            users = users.Where(u => u.DepartmentCode == department);
        }

        if (query.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        var total = await users.CountAsync(ct);
        var page = await users.OrderBy(u => u.UserName).Skip(new PageRequest(query.Page, query.PageSize).Skip).Take(query.PageSize).ToListAsync(ct);
        return new Page([.. page.Select(UserView.From)], total, query.Page, query.PageSize);
    }

    public static void MapListUsers(this RouteGroupBuilder api) =>
        api.MapGet("/admin/users", async (StaffContext staff, string? role, string? department, string? active, string? page, string? pageSize, CancellationToken ct) =>
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
                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                var outcome = await HandleAsync(new Query(role, department, activeOnly, paging.Number, paging.Size), staff, ct);
                return outcome.Refusal is { } refusal ? Problems.From(refusal) : Results.Ok(outcome.Value);
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("ListUsers").WithSummary("List staff accounts by user name (paged, 0-based page; filters role, department, active).")
            .Produces<Page>().ProducesValidationProblem();

    private static bool? Flag(Dictionary<string, string[]> errors)
    {
        errors["active"] = ["active is true or false."];
        return null;
    }
}
