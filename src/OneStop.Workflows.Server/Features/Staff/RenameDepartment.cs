using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator renames a department (its Chinese and English names; the code never changes).</summary>
public static class RenameDepartment
{
    public sealed record Command(string? ChineseName, string? EnglishName);

    public static async Task<StaffOutcome<DepartmentView>> HandleAsync(string code, Command command, Actor actor, StaffContext staff, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DepartmentView.CheckNames(command.ChineseName, command.EnglishName, errors);
        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        if (Domain.Catalogue.Department.CodeProblem(code) is not null || await db.Departments.FirstOrDefaultAsync(d => d.Code == code, ct) is not { } department)
        {
            return StaffRefusal.NotFound($"No department has code '{StaffRules.Printable(code)}'.");
        }

        var before = new { department.Name, department.ChineseName, department.EnglishName };
        department.Rename(command.ChineseName!, command.EnglishName!);
        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.DepartmentRenamed, code,
            new { before, after = new { department.Name, department.ChineseName, department.EnglishName } });
        await db.SaveChangesAsync(ct);
        return DepartmentView.From(department);
    }

    public static void MapRenameDepartment(this RouteGroupBuilder api) =>
        api.MapPut("/admin/departments/{code}", (string code, HttpContext http, StaffContext staff) =>
                StaffRoutes.BodyAsync<Command, DepartmentView>(http, (command, actor, ct) => HandleAsync(code, command, actor, staff, ct)))
            .RequireAuthorization(Policies.Administration)
            .WithName("RenameDepartment").WithSummary("Rename a department {chineseName, englishName}.")
            .Accepts<Command>("application/json").Produces<DepartmentView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
