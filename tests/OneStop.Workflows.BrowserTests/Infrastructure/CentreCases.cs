using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>
/// Cases a test needs before its pages (made through the same use cases the pages call, as the window would): a case
/// submitted with every material of its item, and accepted, so its reviews wait in the departments' inboxes.
/// </summary>
public sealed class CentreCases(UiServer server)
{
    public static readonly Actor MarketClerk = new("clerk.market", Role.WindowClerk, "market");

    /// <summary>A submitted and accepted case of <paramref name="serviceItem"/> (led by the market window); its receipt.</summary>
    public async Task<SubmitCase.Receipt> AcceptedAsync(string serviceItem = "restaurant-opening", string applicant = "李小明", Actor? clerk = null)
    {
        var MarketClerk = clerk ?? CentreCases.MarketClerk; // issue 10: membership — another lead window (ADR 0011)
        var item = await RunAsync<GetServiceItem, ServiceItemResponse>(uc => uc.ExecuteAsync(new GetServiceItem.Query(serviceItem), MarketClerk, default));
        var receipt = await RunAsync<SubmitCase, SubmitCase.Receipt>(uc => uc.ExecuteAsync(new SubmitCase.Command(
            serviceItem, new SubmitCase.ApplicantData(applicant, "11010519491231002X", "13800138000"), null,
            item.Materials.Select(m => new SubmitCase.MaterialData(m.Name)).ToList(), DeliveryMethod.Pickup, null), MarketClerk, default));
        var acceptance = await RunAsync<ListTasks, ListTasks.Page>(uc => uc.ExecuteAsync(new ListTasks.Query(ListTasks.Scope.Department, 0, 200), MarketClerk, default));
        var task = acceptance.Items.Single(t => t.CaseId == receipt.Id && t.Kind == "Acceptance");
        await RunAsync<ClaimTask, TaskView>(uc => uc.ExecuteAsync(new ClaimTask.Command(task.Id), MarketClerk, default));
        await RunAsync<DecideTask, TaskView>(uc => uc.ExecuteAsync(new DecideTask.Command(task.Id, "Accepted", "材料齐全 Complete", null, Guid.NewGuid().ToString("N")), MarketClerk, default));
        return receipt;
    }

    /// <summary>The open tasks of <paramref name="caseId"/> as <paramref name="actor"/>'s department sees them.</summary>
    public async Task<InboxItem> OpenTaskAsync(string caseId, Actor actor)
    {
        var page = await RunAsync<ListTasks, ListTasks.Page>(uc => uc.ExecuteAsync(new ListTasks.Query(ListTasks.Scope.Department, 0, 200), actor, default));
        return page.Items.Single(t => t.CaseId == caseId);
    }

    /// <summary>
    /// issue 11: approves the open review of <paramref name="caseId"/> in each of <paramref name="departments"/> as its demo reviewer
    /// (<c>reviewer.&lt;department&gt;</c>); the time limit (working days) each review carried, by department.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int?>> ApproveReviewsAsync(string caseId, params string[] departments)
    {
        var limits = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            var reviewer = new Actor($"reviewer.{department}", Role.Reviewer, department);
            var review = await OpenTaskAsync(caseId, reviewer);
            limits[department] = review.TimeLimitWorkingDays;
            await RunAsync<ClaimTask, TaskView>(uc => uc.ExecuteAsync(new ClaimTask.Command(review.Id), reviewer, default));
            await RunAsync<DecideTask, TaskView>(uc => uc.ExecuteAsync(new DecideTask.Command(review.Id, "Approved", "同意 Approved", null, Guid.NewGuid().ToString("N")), reviewer, default));
        }

        return limits;
    }

    private async Task<T> RunAsync<TUseCase, T>(Func<TUseCase, Task<Result<T>>> call) where TUseCase : notnull
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await call(scope.ServiceProvider.GetRequiredService<TUseCase>());
        return result.Value ?? throw new InvalidOperationException($"{typeof(TUseCase).Name} refused: {result.Refusal}");
    }
}
