using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator adds a department: code, Chinese and English names, optionally its parent unit (an existing active department).</summary>
public static class CreateDepartment
{
    public sealed record Command(string? Code, string? ChineseName, string? EnglishName, string? ParentCode);

    public static async Task<StaffOutcome<DepartmentView>> HandleAsync(Command command, Actor actor, StaffContext staff, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Department.CodeProblem(command.Code) is { } codeProblem)
        {
            errors["code"] = [codeProblem];
        }

        DepartmentView.CheckNames(command.ChineseName, command.EnglishName, errors);
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        if (command.ParentCode is { } parentCode
            && (Department.CodeProblem(parentCode) is not null || !await db.Departments.AnyAsync(d => d.Code == parentCode && d.RetiredAt == null, ct)))
        {
            errors["parentCode"] = [$"'{StaffRules.Printable(parentCode)}' is not an active department."];
        }

        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        if (await db.Departments.AnyAsync(d => d.Code == command.Code, ct))
        {
            return StaffRefusal.Conflict($"A department with code '{command.Code}' already exists (retired departments keep their code).", "department.exists");
        }

        var department = new Department(command.Code!, command.ChineseName!, command.EnglishName!, command.ParentCode);
        db.Departments.Add(department);
        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.DepartmentCreated, department.Code,
            new { after = new { department.ChineseName, department.EnglishName, department.ParentCode } });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var check = await staff.Databases.CreateDbContextAsync(ct);
            if (await check.Departments.AnyAsync(d => d.Code == command.Code, ct))
            {
                return StaffRefusal.Conflict($"A department with code '{command.Code}' already exists.", "department.exists");
            }

            throw;
        }

        return DepartmentView.From(department);
    }

    public static void MapCreateDepartment(this RouteGroupBuilder api) =>
        api.MapPost("/admin/departments", async (HttpContext http, StaffContext staff, CancellationToken ct) =>
            {
                var (command, bad) = await RequestJson.ReadAsync<Command>(http.Request, ct);
                return command is null
                    ? bad!
                    : StaffRoutes.Answer(await HandleAsync(command, CurrentUser.From(http.User)!, staff, ct), d => Results.Created($"/api/departments/{d.Code}", d));
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("CreateDepartment").WithSummary("Add a department {code, chineseName, englishName, parentCode?}.")
            .Accepts<Command>("application/json").Produces<DepartmentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
}
