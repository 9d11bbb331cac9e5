using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>
/// An administrator retires a department (已撤销部门): it keeps its history (cases, tasks, users, audit) but gets no new
/// work — submissions for items that need it are refused (409), catalogue writes naming it are refused (400), no new staff
/// join it. Refused (409 <c>department.has-open-work</c>) while it has open or paused tasks or open cases could still give it some.
/// </summary>
public sealed class RetireDepartment(OneStopDbContext db, IClock clock)
{
    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Received, CaseStatus.AwaitingCorrection, CaseStatus.InReview];

    public sealed record Command(string Code);

    public async Task<Result<DepartmentView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var code = command.Code;
        if (Domain.Catalogue.Department.CodeProblem(code) is not null || await db.Departments.FirstOrDefaultAsync(d => d.Code == code, ct) is not { } department)
        {
            return Refusal.NotFound($"No department has code '{StaffRules.Printable(code)}'.");
        }

        if (!department.IsActive)
        {
            return Refusal.Conflict($"Department {code} was already retired.", RefusalCodes.DepartmentRetired);
        }

        var openTasks = await db.Tasks.CountAsync(t => t.Department == code
            && (t.Status == ApprovalTaskStatus.Open || t.Status == ApprovalTaskStatus.Paused), ct);
        var openItemCodes = await db.Cases.Where(c => OpenStatuses.Contains(c.Status)).Select(c => c.ServiceItemCode).Distinct().ToListAsync(ct);
        var items = await db.ServiceItems.AsNoTracking().Where(i => openItemCodes.Contains(i.Code)).ToListAsync(ct);
        var needing = items.Where(i => i.ReviewingDepartments.Contains(code)).Select(i => i.Code).ToList();
        var openCases = needing.Count == 0 ? 0 : await db.Cases.CountAsync(c => OpenStatuses.Contains(c.Status) && needing.Contains(c.ServiceItemCode), ct);
        if (openTasks > 0 || openCases > 0)
        {
            return Refusal.Conflict(
                $"Department {code} still has work: {openTasks} open or paused task(s), {openCases} open case(s) of items it reviews. Finish or transfer them first.",
                RefusalCodes.DepartmentHasOpenWork);
        }

        var now = clock.GetCurrentInstant();
        department.Retire(now);
        StaffRules.Audit(db, now, actor.UserName, AuditActions.DepartmentRetired, code, new { before = new { active = true }, after = new { active = false, retiredAt = now } });
        await db.SaveChangesAsync(ct);
        return DepartmentView.From(department);
    }
}
