using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Domain.Approval.Designer;

/// <summary>A service item whose <c>WorkflowDefinitionId</c> names the flow being checked.</summary>
public sealed record ItemUsingFlow(string Code, ServiceItemData Data);

/// <summary>
/// The designer checks (设计校验) a flow must pass to be published (issue 11 §4, ADR 0015). Pure: the flow, the items that
/// use it and the catalogue's departments in, every problem out (a JSON path, a stable code, a message in Chinese and English).
/// <list type="bullet">
/// <item>Always: every reviewing department exists, is active and reviews once; every join states its mode.</item>
/// <item>Per item using the flow: the critical path's review budgets fit within the item's promised limit, the promised limit
/// within the statutory one, and the flow's reviewing departments are exactly the item's lead and co-departments.</item>
/// </list>
/// A flow no item uses yet has no promise to meet: the item rules run when an item names it (its create or update is checked).
/// </summary>
public static class DesignerChecks
{
    public const string BudgetExceedsPromised = "designer.budget.exceedsPromised";
    public const string PromisedExceedsStatutory = "designer.promised.exceedsStatutory";
    public const string DepartmentUnknown = "designer.department.unknown";
    public const string DepartmentRetired = "designer.department.retired";
    public const string DepartmentTwice = "designer.department.duplicate";
    public const string DepartmentMissing = "designer.department.missing";
    public const string DepartmentNotOfItem = "designer.department.notOfItem";
    public const string JoinModeMissing = "designer.join.modeMissing";

    /// <summary>Every problem of <paramref name="flow"/>; empty when it may be published.</summary>
    public static IReadOnlyList<ValidationError> Check(DesignedFlow flow, IReadOnlyCollection<ItemUsingFlow> items, IReadOnlyCollection<Department> departments)
    {
        var errors = new List<ValidationError>();
        CheckJoins(flow, errors);
        var reviews = flow.Reviews().ToList();
        CheckDepartments(flow, reviews, departments, errors);
        if (items.Count > 0)
        {
            var critical = CriticalPath.Of(flow.Workflow);
            foreach (var item in items.OrderBy(i => i.Code, StringComparer.Ordinal))
            {
                CheckLimits(flow, critical, item, errors);
                CheckItemDepartments(flow, reviews, item, errors);
            }
        }

        return errors;
    }

    private static void CheckJoins(DesignedFlow flow, List<ValidationError> errors)
    {
        foreach (var join in flow.Workflow.Activities.Where(a => a.IsJoin && !flow.ExplicitMode[a.Index]))
        {
            errors.Add(new(flow.Paths[join.Index] + ".mode", JoinModeMissing,
                $"汇合“{join.Id}”未选择汇合方式：请选择 WaitAll、WaitAllActive 或 WaitAny 后再发布。 " +
                $"Join '{join.Id}' has no mode: choose WaitAll, WaitAllActive or WaitAny before publishing (a draft may leave it open)."));
        }
    }

    private static void CheckDepartments(DesignedFlow flow, List<FlowReview> reviews, IReadOnlyCollection<Department> departments, List<ValidationError> errors)
    {
        var byCode = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        var first = new Dictionary<string, FlowReview>(StringComparer.Ordinal);
        foreach (var review in reviews)
        {
            var path = DepartmentPath(flow, review);
            if (!byCode.TryGetValue(review.Department, out var department))
            {
                errors.Add(new(path, DepartmentUnknown,
                    $"审查“{review.ActivityId}”的部门“{review.Department}”不在部门目录中。 Review '{review.ActivityId}': department '{review.Department}' is not in the catalogue."));
            }
            else if (!department.IsActive)
            {
                errors.Add(new(path, DepartmentRetired,
                    $"审查“{review.ActivityId}”的部门“{review.Department}”已撤销，不能再接收新办件。 Review '{review.ActivityId}': department '{review.Department}' is retired and gets no new work."));
            }

            if (!first.TryAdd(review.Department, review))
            {
                var earlier = first[review.Department];
                errors.Add(new(path, DepartmentTwice,
                    $"部门“{review.Department}”在流程中审查两次（“{earlier.ActivityId}”和“{review.ActivityId}”）；每个部门只审查一次。 " +
                    $"Department '{review.Department}' reviews twice ('{earlier.ActivityId}' and '{review.ActivityId}'); each department reviews once."));
            }
        }
    }

    private static void CheckLimits(DesignedFlow flow, CriticalPath critical, ItemUsingFlow item, List<ValidationError> errors)
    {
        var promised = item.Data.PromisedLimit;
        var budget = TimeLimit.WorkingDays(critical.TotalWorkingDays);
        if (!LimitComparison.Fits(budget, promised))
        {
            var sum = critical.Reviews.Count == 0 ? "—" : string.Join(" + ", critical.Reviews.Select(r => $"{r.Id} {DesignedFlow.Budget(r)}"));
            var at = critical.Reviews.Count == 0 ? flow.RootPath : flow.Paths[critical.Reviews[^1].Index];
            errors.Add(new(at, BudgetExceedsPromised,
                $"关键路径上的审查时限合计 {budget.Value} 个工作日（{sum}），超过事项“{item.Code}”的承诺时限 {LimitComparison.Chinese(promised)}{LimitComparison.ChineseWhy(budget, promised)}。 " +
                $"Along the critical path the review budgets add up to {budget.Value} working days ({sum}), over the promised limit of item '{item.Code}' " +
                $"({LimitComparison.English(promised)}){LimitComparison.EnglishWhy(budget, promised)}."));
        }

        var statutory = item.Data.StatutoryLimit;
        if (!LimitComparison.Fits(promised, statutory))
        {
            errors.Add(new(flow.RootPath, PromisedExceedsStatutory,
                $"事项“{item.Code}”的承诺时限 {LimitComparison.Chinese(promised)} 超过法定时限 {LimitComparison.Chinese(statutory)}{LimitComparison.ChineseWhy(promised, statutory)}。 " +
                $"Item '{item.Code}': the promised limit ({LimitComparison.English(promised)}) is over the statutory limit ({LimitComparison.English(statutory)}){LimitComparison.EnglishWhy(promised, statutory)}."));
        }
    }

    private static void CheckItemDepartments(DesignedFlow flow, List<FlowReview> reviews, ItemUsingFlow item, List<ValidationError> errors)
    {
        var expected = new List<string> { item.Data.LeadDepartment };
        expected.AddRange(item.Data.CoDepartments);
        var reviewed = reviews.Select(r => r.Department).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(d => !reviewed.Contains(d)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing);
            errors.Add(new(flow.RootPath + ".activities", DepartmentMissing,
                $"事项“{item.Code}”的牵头或并联部门 {list} 在流程中没有审查环节。 Item '{item.Code}': no review for its lead or co-department(s) {list}."));
        }

        var wanted = expected.ToHashSet(StringComparer.Ordinal);
        foreach (var review in reviews.Where(r => !wanted.Contains(r.Department)))
        {
            errors.Add(new(DepartmentPath(flow, review), DepartmentNotOfItem,
                $"审查“{review.ActivityId}”的部门“{review.Department}”不是事项“{item.Code}”的牵头或并联部门（{string.Join(", ", expected)}）。 " +
                $"Review '{review.ActivityId}': department '{review.Department}' is not the lead or a co-department of item '{item.Code}' ({string.Join(", ", expected)})."));
        }
    }

    private static string DepartmentPath(DesignedFlow flow, FlowReview review) => flow.Paths[review.Index] + ".department.expression.value";
}
