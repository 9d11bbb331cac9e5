using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Inbox;

/// <summary>Issue 10: a reviewer works a review from the inbox; another department's reviewer gets the refusal page, not the data.</summary>
[Collection(UiServer.Collection)]
public sealed class ReviewerInbox_Issue10Tests(UiServer server)
{
    private readonly CentreCases _cases = new(server);

    [Fact]
    public async Task AReviewer_FindsTheCaseInTheInbox_ClaimsIt_AndApprovesItWithAnOpinion()
    {
        var receipt = await _cases.AcceptedAsync(applicant: "王审查");
        var page = await server.SignedInAsync("reviewer.fire");
        await page.GetByRole(AriaRole.Link, new() { Name = "待办事项" }).ClickAsync();
        var row = page.Locator($"tr[data-case-number='{receipt.Number}']");
        await Expect(row).ToContainTextAsync("王*查");
        await Expect(row.GetByTestId("due-badge")).ToHaveTextAsync("按期");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "reviewer-inbox");

        await row.GetByRole(AriaRole.Link, new() { Name = receipt.Number }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "认领此任务" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "同意", Exact = true }).CheckAsync();
        await page.GetByLabel("审查意见").FillAsync("消防设施符合要求。");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "reviewer-task");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交办理意见" }).ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("已办结");
        await Expect(page.GetByText("消防设施符合要求。")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "查看办件详情" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"办件 {receipt.Number}");
        await Expect(page.GetByTestId("case-progress")).ToContainTextAsync("同意");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "reviewer-case");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReturnForCorrection_NeedsItsItems_AndNamesThem()
    {
        var receipt = await _cases.AcceptedAsync(applicant: "赵补正");
        var page = await server.SignedInAsync("reviewer.urban", "en");
        var task = await _cases.OpenTaskAsync(receipt.Id, new Actor("reviewer.urban", Role.Reviewer, "urban"));
        await page.GotoAsync(UiRoutesFor.Task(task.Id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim this task" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Return for correction" }).CheckAsync();
        await page.GetByLabel("Written opinion").FillAsync("The site plan lacks the sewage outlet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the decision" }).ClickAsync();
        await Expect(page.GetByTestId("refusal")).ToBeVisibleAsync(); // no items named yet: the use case refuses
        await page.GetByLabel("Material").FillAsync("Site plan");
        await page.GetByLabel("What is wrong").FillAsync("The sewage outlet is missing.");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the decision" }).ClickAsync();
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Decided");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherDepartmentsReviewer_OpeningTheTaskOrTheCase_GetsTheRefusalPage_NotTheData()
    {
        var receipt = await _cases.AcceptedAsync(applicant: "孙保密");
        var fireTask = await _cases.OpenTaskAsync(receipt.Id, new Actor("reviewer.fire", Role.Reviewer, "fire"));
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var page = await server.SignedInAsync("reviewer.police", culture);
            foreach (var url in new[] { UiRoutesFor.Task(fireTask.Id), UiRoutesFor.Case(receipt.Id) })
            {
                await page.GotoAsync(url);
                await Expect(page.GetByTestId("refused")).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(culture == "en" ? "Not allowed" : "无权查看");
                var text = await page.Locator("main").InnerTextAsync();
                text.Should().NotContain(receipt.Number).And.NotContain("孙保密").And.NotContain("孙");
                await page.ShouldHaveNoSeriousViolationsAsync();
            }

            await page.Context.CloseAsync();
        }
    }
}

/// <summary>The pages' addresses, as the server's <c>UiRoutes</c> builds them.</summary>
internal static class UiRoutesFor
{
    public static string Task(string id) => Server.Ui.UiRoutes.TaskOf(id);

    public static string Case(string id) => Server.Ui.UiRoutes.CaseOf(id);
}
