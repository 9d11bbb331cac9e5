using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>
/// Issue 10 (ADR 0011): further departments (兼任部门) — chosen on the staff page and shown in its list; the approval bureau
/// reviewer's inbox lists all of their departments with a department filter.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class StaffMembership_Issue10Tests(UiServer server)
{
    private readonly CentreCases _cases = new(server);

    [Fact]
    public async Task AFurtherDepartment_ChosenOnTheStaffPage_IsListedUnderThatDepartment()
    {
        var userName = "member" + AdminForms.Unique();
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/staff");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员管理");

        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("姓名").FillAsync("审批局审查员");
        await page.ChooseAsync("部门", "市场监督管理局");
        await page.ChooseAsync("兼任部门", "消防救援支队");
        await page.CloseChoicesAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新建账号" }).ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "已记下，关闭" }).ClickAsync();

        await page.ChooseAsync("按部门", "消防救援支队");
        var row = page.Locator($"tr[data-user='{userName}']");
        await Expect(row).ToContainTextAsync("市场监督管理局");
        await Expect(row.GetByTestId("user-further")).ToHaveTextAsync("兼任：消防救援支队");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-staff-further");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheBureauReviewersInbox_ListsAllTheirDepartments_AndFiltersToOne()
    {
        var receipt = await _cases.AcceptedAsync("investment-project-approval", "欧阳审批", new Actor("clerk.drc", Role.WindowClerk, "drc"));
        var page = await server.SignedInAsync("reviewer.bureau");
        await page.GetByRole(AriaRole.Link, new() { Name = "待办事项" }).ClickAsync();
        var rows = page.Locator($"tr[data-case-number='{receipt.Number}']");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("inbox-department").Locator("input").First).ToHaveValueAsync("我的全部部门");
        (await rows.Locator("td[data-department]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.department)"))
            .Should().BeEquivalentTo(["drc", "resources", "ecology"], "the home department and both further ones; not industry");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "reviewer-inbox-departments");

        await page.ChooseAsync("部门", "生态环境局");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td[data-department]")).ToHaveAttributeAsync("data-department", "ecology");
        await page.ChooseAsync("部门", "我的全部部门");
        await Expect(rows).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }
}
