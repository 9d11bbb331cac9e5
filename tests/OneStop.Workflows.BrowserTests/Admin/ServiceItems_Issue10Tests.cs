using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: a service item's limits are edited on its page, a wrong one is refused at its field, and the saved one is shown again.</summary>
[Collection(UiServer.Collection)]
public sealed class ServiceItems_Issue10Tests(UiServer server)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task APromisedLimit_IsRefusedAtItsField_ThenSaved_AndShownAgain()
    {
        var code = await CopyOfRestaurantOpeningAsync();
        var page = await server.SignedInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "事项管理" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("事项管理");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.Locator($"tr[data-item='{code}']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("测试事项");

        var promised = page.GetByTestId("limit-promised").GetByLabel("承诺时限", new() { Exact = true });
        await promised.FillAsync("400"); // longer than the statutory limit: refused, at the field
        await page.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(promised).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("refusal")).ToBeVisibleAsync();

        // 9 working days: shorter than the copied 10 and still long enough for the flow's critical path (8), so the item
        // and restaurant-opening keep agreeing and the flow can be published again (the designer checks, ADR 0015).
        await promised.FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(page.GetByTestId("item-saved")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-service-item");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("limit-promised").GetByLabel("承诺时限", new() { Exact = true })).ToHaveValueAsync("9");
        await page.GotoAsync("/admin/service-items");
        await Expect(page.Locator($"tr[data-item='{code}']").GetByTestId("promised")).ToHaveTextAsync("9 个工作日");
        await Screens.SaveAsync(page, "administrator-service-items");
        await page.Context.CloseAsync();
    }

    /// <summary>A new item like the restaurant opening (the demo items stay as other tests expect them), its code.</summary>
    private async Task<string> CopyOfRestaurantOpeningAsync()
    {
        var code = "test-" + AdminForms.Unique();
        await using var scope = server.Services.CreateAsyncScope();
        var source = (await scope.ServiceProvider.GetRequiredService<GetServiceItem>().ExecuteAsync(new("restaurant-opening"), Admin, default)).Value!;
        var body = new ServiceItemBody(code, "测试事项 " + code, source.Type, source.LeadDepartment, source.CoDepartments, source.HandlingKind,
            new(source.StatutoryLimit.Value, source.StatutoryLimit.Unit), null, new(source.PromisedLimit.Value, source.PromisedLimit.Unit), source.JointHandling,
            [.. source.Materials.Select(m => new MaterialBody(m.Name, m.Form, m.Requirement, m.Count))], source.RefusalPolicy, source.ResultType,
            source.DeliveryMethods, source.WorkflowDefinitionId, null, null);
        var created = await scope.ServiceProvider.GetRequiredService<CreateServiceItem>().ExecuteAsync(new(body), Admin, default);
        created.Refusal.Should().BeNull();
        return code;
    }
}
