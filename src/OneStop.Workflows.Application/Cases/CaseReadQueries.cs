using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// The reads of <see cref="GetCase"/> compiled once per model (as <see cref="StepQueries"/>): a case read is a third of a
/// case's requests, and each LINQ read built, hashed and looked up its expression tree again (docs/benchmarks.md, issue 9).
/// Same SQL and the same visibility as <see cref="CaseAccess.Visible"/>, untracked.
/// </summary>
public sealed class CaseReadQueries
{
    private static readonly ConcurrentDictionary<IModel, CaseReadQueries> ByModel = new();

    private CaseReadQueries()
    {
    }

    public static CaseReadQueries For(OneStopDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ByModel.GetOrAdd(db.Model, _ => new CaseReadQueries());
    }

    /// <summary>The case if <paramref name="user"/> may see it (<see cref="CaseAccess.Visible"/>), else null.</summary>
    public Task<Case?> VisibleCase(OneStopDbContext db, Actor user, CaseId id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (CaseAccess.SeesAllCases(user))
        {
            return AnyCase(db, id, ct);
        }

        return user.Departments.Count > 1
            ? CaseOfDepartments(db, id, user.Departments.ToList(), ct)
            : CaseOfDepartment(db, id, user.Department ?? string.Empty, ct);
    }

    /// <summary>The <see cref="Persistence.Shared.BatchedReads"/> set of a case read by <paramref name="user"/>: one per SQL shape of <see cref="VisibleCase"/>.</summary>
    public static string ReadSetName(Actor user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CaseAccess.SeesAllCases(user) ? "case.read.all" : user.Departments.Count > 1 ? "case.read.departments" : "case.read.department";
    }

    public readonly Func<OneStopDbContext, CaseId, IAsyncEnumerable<ApprovalTask>> Tasks =
        EF.CompileAsyncQuery<OneStopDbContext, CaseId, ApprovalTask>((db, id) => db.Tasks.AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.CreatedAt));

    public readonly Func<OneStopDbContext, Guid, IAsyncEnumerable<AuditEvent>> Timeline =
        EF.CompileAsyncQuery<OneStopDbContext, Guid, AuditEvent>((db, id) => db.AuditEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id));

    private readonly Func<OneStopDbContext, CaseId, CancellationToken, Task<Case?>> AnyCase =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id, CancellationToken _) => db.Cases.AsNoTracking().FirstOrDefault(c => c.Id == id));

    private readonly Func<OneStopDbContext, CaseId, string, CancellationToken, Task<Case?>> CaseOfDepartment =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id, string department, CancellationToken _) => db.Cases.AsNoTracking()
            .FirstOrDefault(c => c.Id == id && (c.LeadDepartment == department || db.Tasks.Any(t => t.CaseId == c.Id && t.Department == department))));

    private readonly Func<OneStopDbContext, CaseId, List<string>, CancellationToken, Task<Case?>> CaseOfDepartments =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id, List<string> departments, CancellationToken _) => db.Cases.AsNoTracking()
            .FirstOrDefault(c => c.Id == id && (departments.Contains(c.LeadDepartment) || db.Tasks.Any(t => t.CaseId == c.Id && departments.Contains(t.Department)))));
}
