using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator renames a department (its Chinese and English names; the code never changes).</summary>
public sealed class RenameDepartment(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string Code, string? ChineseName, string? EnglishName);

    public async Task<Result<DepartmentView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, FieldError[]>();
        DepartmentView.CheckNames(command.ChineseName, command.EnglishName, errors);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var code = command.Code;
        if (Domain.Catalogue.Department.CodeProblem(code) is not null || await db.Departments.FirstOrDefaultAsync(d => d.Code == code, ct) is not { } department)
        {
            return Refusal.NotFound($"No department has code '{StaffRules.Printable(code)}'.");
        }

        var before = new { department.Name, department.ChineseName, department.EnglishName };
        department.Rename(command.ChineseName!, command.EnglishName!);
        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.DepartmentRenamed, code,
            new { before, after = new { department.Name, department.ChineseName, department.EnglishName } });
        await db.SaveChangesAsync(ct);
        return DepartmentView.From(department);
    }
}
