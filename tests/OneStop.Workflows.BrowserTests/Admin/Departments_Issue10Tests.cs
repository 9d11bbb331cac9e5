using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: the administrator's departments page — create (with the keyboard only), rename, retire; a department with open work is not retired.</summary>
[Collection(UiServer.Collection)]
public sealed class Departments_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task ADepartment_IsCreatedWithTheKeyboard_Renamed_AndRetired()
    {
        var code = "t-" + AdminForms.Unique();
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/departments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("部门管理");

        // Keyboard only (acceptance 3): Tab to each field, type, Tab to the button, Enter.
        await page.TabToAsync("部门代码");
        await page.Keyboard.TypeAsync(code);
        await page.TabToAsync("中文名称");
        await page.Keyboard.TypeAsync("测试局");
        await page.TabToAsync("英文名称");
        await page.Keyboard.TypeAsync("Test bureau");
        await page.TabToAsync("新建部门");
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator($"tr[data-department='{code}']");
        await Expect(row).ToContainTextAsync("测试局");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"修改部门 {code} 的名称" }).ClickAsync();
        var rename = page.GetByTestId("rename-department");
        await rename.GetByLabel("中文名称").FillAsync("测试监督局");
        await rename.GetByRole(AriaRole.Button, new() { Name = "保存名称" }).ClickAsync();
        await Expect(row).ToContainTextAsync("测试监督局");
        await Screens.SaveAsync(page, "administrator-departments");

        await row.GetByRole(AriaRole.Button, new() { Name = $"撤销部门 {code}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "撤销部门" }).ClickAsync();
        await Expect(row.GetByTestId("department-state")).ToHaveTextAsync("已撤销");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADepartmentWithOpenWork_IsNotRetired_AndTheRefusalSaysWhy()
    {
        await new CentreCases(server).AcceptedAsync(applicant: "钱撤销"); // the fire service now reviews an open case
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/departments");
        var row = page.Locator("tr[data-department='fire']");
        await row.GetByRole(AriaRole.Button, new() { Name = "撤销部门 fire" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "撤销部门" }).ClickAsync();
        await Expect(page.GetByTestId("refusal")).ToContainTextAsync("仍有未办结");
        await Expect(row.GetByTestId("department-state")).ToHaveTextAsync("启用");
        await page.Context.CloseAsync();
    }
}
