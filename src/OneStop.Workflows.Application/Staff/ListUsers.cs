using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>The centre's staff accounts by user name, paged (0-based page), optionally by role, department or active (administrators).</summary>
public sealed class ListUsers(OneStopDbContext db)
{
    public sealed record Query(string? Role, string? Department, bool? Active, int Page, int PageSize);

    public sealed record Page(IReadOnlyList<UserView> Items, int TotalCount, int PageNumber, int PageSize);

    public async Task<Result<Page>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, FieldError[]>();
        Role? role = query.Role is null ? null : StaffRules.ParseRole(query.Role, errors);
        if (query.Department is { } filter && Domain.Catalogue.Department.CodeProblem(filter) is not null)
        {
            errors["department"] = [new FieldError(FieldErrorCodes.DepartmentCodeInvalid, $"'{StaffRules.Printable(filter)}' is not a department code.").With("value", StaffRules.Printable(filter))];
        }

        if (query.Page is < 0 or > Application.Page.MaxNumber)
        {
            errors["page"] = [new FieldError(FieldErrorCodes.PageNumber, $"page is a 0-based page number from 0 to {Application.Page.MaxNumber}.").With("max", Application.Page.MaxNumber)];
        }

        if (query.PageSize is < 1 or > Application.Page.MaxSize)
        {
            errors["pageSize"] = [new FieldError(FieldErrorCodes.PageSize, $"pageSize is from 1 to {Application.Page.MaxSize}.").With("max", Application.Page.MaxSize)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var users = db.Users.AsNoTracking();
        if (role is { } r)
        {
            users = users.Where(u => u.Role == r);
        }

        if (query.Department is { } department)
        {
            users = users.Where(u => u.DepartmentCode == department || u.Memberships.Any(m => m.DepartmentCode == department)); // home or further (ADR 0011)
        }

        if (query.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        var total = await users.CountAsync(ct);
        var page = await users.OrderBy(u => u.UserName).Skip(Application.Page.Skip(query.Page, query.PageSize)).Take(query.PageSize).ToListAsync(ct);
        return new Page([.. page.Select(UserView.From)], total, query.Page, query.PageSize);
    }
}
