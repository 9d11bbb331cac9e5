using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>
/// The inbox: my tasks, or my departments' (home and further, or one of them) open and paused tasks of the kinds I can work, newest first (or by due day),
/// paged (0-based). Each item carries its case's summary, its due day and its due badge (issue 10).
/// </summary>
/// <remarks>
/// The due day is the promised due of the task's own step clock for a review, of the case clock for the window's tasks
/// (none before acceptance). A page costs at most five queries whatever its size: the count, the page's tasks, their
/// cases, their clocks and those clocks' fired signals. <see cref="Order.Due"/> sorts on the due day the signal planner
/// stores on the task whenever its clock is re-planned (ADR 0009); the page shows the day derived from the clock, the same value.
/// </remarks>
public sealed class ListTasks(OneStopDbContext db, EffectiveCalendarStore calendars)
{
    /// <summary>Whose tasks: assigned to me, or my department's.</summary>
    public enum Scope
    {
        Department,
        Mine,
    }

    /// <summary>The order: newest first (the default), or due day ascending (no due day last), then oldest first.</summary>
    public enum Order
    {
        Created,
        Due,
    }

    /// <summary>The page values are already checked by the caller's paging rule.</summary>
    /// <param name="Department">One of the actor's departments (home or further) to list only its tasks; null: all of them (ADR 0011).</param>
    public sealed record Query(Scope Scope, int PageNumber, int PageSize, Order Sort = Order.Created, string? Department = null);

    public sealed record Page(IReadOnlyList<InboxItem> Items, int TotalCount, int PageNumber, int PageSize)
    {
        /// <summary>Every department the actor works for (home first), the choices of the inbox's department filter (ADR 0011).</summary>
        public IReadOnlyList<string> Departments { get; init; } = [];
    }

    /// <summary>The badge wire values, lowest first.</summary>
    public const string OnTime = "onTime", Prompt = "prompt", Yellow = "yellow", Red = "red";

    public async Task<Result<Page>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.WindowClerk or Role.Reviewer or Role.DepartmentHead))
        {
            return Refusal.Forbidden($"A {actor.Role} has no inbox.");
        }

        if (query.Department is { } filter && !actor.WorksFor(filter))
        {
            var shown = Domain.Catalogue.Department.CodeProblem(filter) is null ? filter : "?";
            return Refusal.Invalid("department", new FieldError(FieldErrorCodes.DepartmentNotYours, $"You do not work for department '{shown}'; "
                + $"one of {string.Join(", ", actor.Departments)}, or none for all of them.").With("department", shown).With("departments", string.Join(", ", actor.Departments)));
        }

        IReadOnlyList<string?> departments = query.Department is { } one ? [one] : actor.Departments.Count == 0 ? [actor.Department] : [.. actor.Departments];
        var open = db.Tasks.AsNoTracking().Where(t => t.Status == ApprovalTaskStatus.Open || t.Status == ApprovalTaskStatus.Paused);
        var kinds = Enum.GetValues<TaskKind>().Where(k => CaseAccess.CanWork(actor.Role, k)).ToList();
        var userName = actor.UserName;
        IQueryable<ApprovalTask> Of(string? department)
        {
            var tasks = open.Where(t => t.Department == department);
            tasks = query.Scope == Scope.Mine ? tasks.Where(t => t.Assignee == userName) : tasks;
            return tasks.Where(t => kinds.Contains(t.Kind));
        }

        var skip = checked((int)((long)query.PageNumber * query.PageSize));
        var calendar = await calendars.CurrentAsync(ct);
        await using var read = await db.ReadTransactionAsync(ct);
        int total;
        List<ApprovalTask> items;
        if (departments.Count == 1)
        {
            var tasks = Of(departments[0]);
            total = await tasks.CountAsync(ct);
            items = await Sorted(tasks, query.Sort).Skip(skip).Take(query.PageSize).ToListAsync(ct);
        }
        else
        {
            // Several departments (ADR 0011): "department = ANY (…)" cannot read an inbox index in order, so each department's
            // index-ordered scan is limited to offset + page size, the scans are combined by UNION ALL and the page is cut
            // from that; the count is the sum of the departments' counts.
            var counts = await open.Where(t => departments.Contains(t.Department) && kinds.Contains(t.Kind)
                    && (query.Scope != Scope.Mine || t.Assignee == userName))
                .GroupBy(t => t.Department).Select(g => g.Count()).ToListAsync(ct);
            total = counts.Sum();
            var limit = skip + query.PageSize;
            var combined = departments.Select(d => Sorted(Of(d), query.Sort).Take(limit)).Aggregate(Queryable.Concat);
            items = await Sorted(combined, query.Sort).Skip(skip).Take(query.PageSize).ToListAsync(ct);
        }

        var clocks = await ClocksAsync(items, ct);

        var caseIds = items.Select(t => t.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.ServiceItemCode, c.Applicant }).ToDictionaryAsync(c => c.Id, ct);
        var levels = await FiredLevelsAsync(clocks.Values.OfType<Clock>().ToList(), ct);
        await read.CompleteAsync(ct);
        return new Page(items.Select(t =>
        {
            var c = cases[t.CaseId];
            var clock = clocks[t.Id];
            var level = clock is not null && levels.TryGetValue(clock.Id, out var l) ? l : (SignalLevel?)null;
            return InboxItem.From(TaskView.From(t), c.Number, c.ServiceItemCode, c.Applicant.Masked(), IsoDate.Format(DueOf(clock, calendar)), Badge(level));
        }).ToList(), total, query.PageNumber, query.PageSize) { Departments = actor.Departments };
    }

    /// <summary>The badge of a clock whose highest fired level is <paramref name="highest"/> (none fired: on time).</summary>
    public static string Badge(SignalLevel? highest) => highest switch
    {
        SignalLevel.Red => Red,
        SignalLevel.Yellow => Yellow,
        SignalLevel.Prompt => Prompt,
        _ => OnTime,
    };

    private IOrderedQueryable<ApprovalTask> Sorted(IQueryable<ApprovalTask> tasks, Order sort) =>
        sort == Order.Due ? ByDue(tasks) : tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id);

    /// <summary>
    /// Due day ascending with no due day last, then oldest first, on the stored <see cref="ApprovalTask.DueDay"/> (ADR 0009).
    /// PostgreSQL sorts nulls last in ascending order, as the index <c>ix_tasks_inbox_due</c> holds them, so the plain order
    /// reads the index; SQLite sorts them first, so it says so.
    /// </summary>
    private IOrderedQueryable<ApprovalTask> ByDue(IQueryable<ApprovalTask> tasks) =>
        (db.Database.ProviderName ?? string.Empty).Contains("Npgsql", StringComparison.Ordinal)
            ? tasks.OrderBy(t => t.DueDay).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            : tasks.OrderBy(t => t.DueDay == null).ThenBy(t => t.DueDay).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);

    private static LocalDate? DueOf(Clock? clock, WorkingDayCalendar calendar) => clock?.Deadlines(calendar).PromisedDue;

    /// <summary>Each task's clock in one query: a review's step clock, the case clock for the other kinds (null if none).</summary>
    private async Task<Dictionary<TaskId, Clock?>> ClocksAsync(List<ApprovalTask> tasks, CancellationToken ct)
    {
        var taskIds = tasks.Select(t => (TaskId?)t.Id).ToList();
        var caseIds = tasks.Where(t => t.Kind != TaskKind.Review).Select(t => t.CaseId).Distinct().ToList();
        var found = tasks.Count == 0
            ? []
            : await db.Clocks.AsNoTracking().Where(c => taskIds.Contains(c.TaskId) || (c.Kind == ClockKind.Case && caseIds.Contains(c.CaseId))).ToListAsync(ct);
        var steps = found.Where(c => c.TaskId is not null).ToDictionary(c => c.TaskId!.Value);
        var caseClocks = found.Where(c => c.Kind == ClockKind.Case).GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => g.First());
        return tasks.ToDictionary(t => t.Id, t => t.Kind == TaskKind.Review ? steps.GetValueOrDefault(t.Id) : caseClocks.GetValueOrDefault(t.CaseId));
    }

    /// <summary>The highest fired card level (prompt, yellow, red; not deemed actions) per clock, in one query.</summary>
    private async Task<Dictionary<ClockId, SignalLevel>> FiredLevelsAsync(List<Clock> clocks, CancellationToken ct)
    {
        if (clocks.Count == 0)
        {
            return [];
        }

        // Signals are keyed by subject (the task of a step clock, the case of a case clock): the unique index's first column.
        var subjects = clocks.Select(c => c.TaskId?.Value ?? c.CaseId.Value).Distinct().ToList();
        var clockIds = clocks.Select(c => c.Id).ToHashSet();
        var fired = await db.Signals.AsNoTracking().Where(s => subjects.Contains(s.SubjectId) && s.FiredAt != null && s.Level != SignalLevel.Action)
            .Select(s => new { s.ClockId, s.Level }).ToListAsync(ct);
        return fired.Where(s => s.ClockId is { } id && clockIds.Contains(id)).GroupBy(s => s.ClockId!.Value).ToDictionary(g => g.Key, g => g.Max(s => s.Level));
    }
}
