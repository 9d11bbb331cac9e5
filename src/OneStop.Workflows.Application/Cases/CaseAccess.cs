using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Who may see which cases and work which tasks (architecture §8).</summary>
public static class CaseAccess
{
    /// <summary>Supervisors and administrators see every case; departmental staff the cases any of their departments leads or reviews.</summary>
    public static bool SeesAllCases(Actor user) => user.Role is Role.Supervisor or Role.Administrator;

    /// <summary>Designers work on definitions, not on applicants' cases.</summary>
    public static bool SeesCases(Actor user) => user.Role != Role.Designer;

    public static IQueryable<Case> Visible(OneStopDbContext db, Actor user)
    {
        if (SeesAllCases(user))
        {
            return db.Cases;
        }

        if (user.Departments.Count > 1)
        {
            var departments = user.Departments.ToList();
            return db.Cases.Where(c => departments.Contains(c.LeadDepartment) || db.Tasks.Any(t => t.CaseId == c.Id && departments.Contains(t.Department)));
        }

        var department = user.Department ?? string.Empty;
        return db.Cases.Where(c => c.LeadDepartment == department || db.Tasks.Any(t => t.CaseId == c.Id && t.Department == department));
    }

    public static Task<bool> CanSeeAsync(OneStopDbContext db, Actor user, CaseId id, CancellationToken ct) =>
        SeesCases(user) ? Visible(db, user).AnyAsync(c => c.Id == id, ct) : Task.FromResult(false);

    /// <summary>Window clerks work acceptance and correction-notice tasks; reviewers and department heads work reviews.</summary>
    public static bool CanWork(Role role, TaskKind kind) => kind switch
    {
        TaskKind.Review => role is Role.Reviewer or Role.DepartmentHead,
        _ => role == Role.WindowClerk,
    };
}
