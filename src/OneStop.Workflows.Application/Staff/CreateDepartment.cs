using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator adds a department: code, Chinese and English names, optionally its parent unit (an existing active department).</summary>
public sealed class CreateDepartment(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string? Code, string? ChineseName, string? EnglishName, string? ParentCode);

    public async Task<Result<DepartmentView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, FieldError[]>();
        if (Department.CodeError(command.Code) is { } codeProblem)
        {
            errors["code"] = [codeProblem];
        }

        DepartmentView.CheckNames(command.ChineseName, command.EnglishName, errors);
        if (command.ParentCode is { } parentCode
            && (Department.CodeProblem(parentCode) is not null || !await db.Departments.AnyAsync(d => d.Code == parentCode && d.RetiredAt == null, ct)))
        {
            errors["parentCode"] = [new FieldError(FieldErrorCodes.DepartmentNotActive, $"'{StaffRules.Printable(parentCode)}' is not an active department.")
                .With("department", StaffRules.Printable(parentCode))];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (await db.Departments.AnyAsync(d => d.Code == command.Code, ct))
        {
            return Refusal.Conflict($"A department with code '{command.Code}' already exists (retired departments keep their code).", RefusalCodes.DepartmentExists);
        }

        var department = new Department(command.Code!, command.ChineseName!, command.EnglishName!, command.ParentCode);
        db.Departments.Add(department);
        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.DepartmentCreated, department.Code,
            new { after = new { department.ChineseName, department.EnglishName, department.ParentCode } });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the unit of work failed; ask the database afresh whether a concurrent request won
            if (await db.Departments.AnyAsync(d => d.Code == command.Code, ct))
            {
                return Refusal.Conflict($"A department with code '{command.Code}' already exists.", RefusalCodes.DepartmentExists);
            }

            throw;
        }

        return DepartmentView.From(department);
    }
}
