using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>
/// An administrator retires a department (已撤销部门): it keeps its history (cases, tasks, users, audit) but gets no new
/// work — submissions for items that need it are refused (409), catalogue writes naming it are refused (400), no new staff
/// join it. Refused (409 <c>department.has-open-work</c>) while it has open or paused tasks or open cases could still give it some.
/// </summary>
public static class RetireDepartment
{
    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Received, CaseStatus.AwaitingCorrection, CaseStatus.InReview];

    public static async Task<StaffOutcome<DepartmentView>> HandleAsync(string code, Actor actor, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        if (Domain.Catalogue.Department.CodeProblem(code) is not null || await db.Departments.FirstOrDefaultAsync(d => d.Code == code, ct) is not { } department)
        {
            return StaffRefusal.NotFound($"No department has code '{StaffRules.Printable(code)}'.");
        }

        if (!department.IsActive)
        {
            return StaffRefusal.Conflict($"Department {code} was already retired.", "department.retired");
        }

        var openTasks = await db.Tasks.CountAsync(t => t.Department == code
            && (t.Status == ApprovalTaskStatus.Open || t.Status == ApprovalTaskStatus.Paused), ct);
        var openItemCodes = await db.Cases.Where(c => OpenStatuses.Contains(c.Status)).Select(c => c.ServiceItemCode).Distinct().ToListAsync(ct);
        var items = await db.ServiceItems.AsNoTracking().Where(i => openItemCodes.Contains(i.Code)).ToListAsync(ct);
        var needing = items.Where(i => i.ReviewingDepartments.Contains(code)).Select(i => i.Code).ToList();
        var openCases = needing.Count == 0 ? 0 : await db.Cases.CountAsync(c => OpenStatuses.Contains(c.Status) && needing.Contains(c.ServiceItemCode), ct);
        if (openTasks > 0 || openCases > 0)
        {
            return StaffRefusal.Conflict(
                $"Department {code} still has work: {openTasks} open or paused task(s), {openCases} open case(s) of items it reviews. Finish or transfer them first.",
                "department.has-open-work");
        }

        var now = staff.Clock.GetCurrentInstant();
        department.Retire(now);
        StaffContext.Audit(db, now, actor.UserName, AuditActions.DepartmentRetired, code, new { before = new { active = true }, after = new { active = false, retiredAt = now } });
        await db.SaveChangesAsync(ct);
        return DepartmentView.From(department);
    }

    public static void MapRetireDepartment(this RouteGroupBuilder api) =>
        api.MapPost("/admin/departments/{code}/retire", async (string code, HttpContext http, StaffContext staff, CancellationToken ct) =>
                StaffRoutes.Answer(await HandleAsync(code, CurrentUser.From(http.User)!, staff, ct), Results.Ok))
            .RequireAuthorization(Policies.Administration)
            .WithName("RetireDepartment").WithSummary("Retire a department: it keeps its history and gets no new work.")
            .Produces<DepartmentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
