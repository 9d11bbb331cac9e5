using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Ui;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Cases;

/// <summary>
/// Issue 10: the case page's "why this due date" strip shows the ExplainDeadline use case's derivation (every day walked with
/// its kind, the due day), and the lead department's head suspends (a week: its days show as suspended), resumes and extends the clock there (a second extension is refused).
/// </summary>
[Collection(UiServer.Collection)]
public sealed class CaseDeadline_Issue10Tests(UiServer server)
{
    /// <summary>After a use case call on a busy machine (the default 5 s of Expect is short for a command and a re-render).</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    private static readonly Actor FireReviewer = new("reviewer.fire", Role.Reviewer, "fire");

    [Fact]
    public async Task TheStrip_ShowsEveryDayWalked_AndTheDueDay_OfTheCaseClock_AndOfTheStatutoryLimit_ByKeyboard()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "吴期限");
        var expected = (await ExplainAsync(receipt.Id, FireReviewer)).Items.Single(c => c.Kind == "Case");
        var page = await server.SignedInAsync("reviewer.fire");
        await page.GotoAsync(UiRoutes.CaseOf(receipt.Id));

        var strip = page.GetByTestId("deadline-strip");
        await Expect(strip.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("为什么是这一天：期限推算");
        await ShouldShowAsync(page, expected.Promised!);
        await Expect(page.GetByTestId("strip-budget")).ToHaveTextAsync($"{expected.Promised!.Budget} 个工作日");
        expected.Promised.Walk.Should().Contain(d => d.Kind == "Weekend", "a walk of ten working days or more passes a weekend");
        await Expect(strip.Locator("li[data-kind='Weekend']").First).ToContainTextAsync("休");
        await Expect(strip.GetByRole(AriaRole.List, new() { Name = "图例" })).ToContainTextAsync("调休上班日（计入）");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "reviewer-case-deadline");

        // Keyboard only: Tab to the statutory limit, Enter; the strip walks the 45 working days of the law instead.
        await page.TabToAsync("法定期限");
        await page.Keyboard.PressAsync("Enter");
        await ShouldShowAsync(page, expected.Statutory!);
    }

    [Fact]
    public async Task TheLeadHead_SuspendsAndResumes_ThenExtendsOnce_AndASecondExtensionIsRefused()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "冯中止");
        var page = await server.SignedInAsync("head.market");
        await page.GotoAsync(UiRoutes.CaseOf(receipt.Id));
        await page.GetByText("时限操作（牵头部门窗口或负责人）").ClickAsync();
        var actions = page.GetByTestId("clock-actions");

        // Without the notice the use case refuses, and the field says why.
        await actions.GetByLabel("预计所需工作日").FillAsync("5");
        await actions.GetByRole(AriaRole.Button, new() { Name = "中止计时", Exact = true }).ClickAsync();
        await Expect(actions.GetByTestId("refusal")).ToContainTextAsync("填写的内容有误", Slow);
        await Expect(actions).ToContainTextAsync("须填写告知申请人的书面通知。");

        await actions.GetByLabel("特别程序").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "专家评审" }).ClickAsync();
        // The expert review runs the week after the start day (the notice names it ahead).
        var head = new Actor("head.market", Role.DepartmentHead, "market");
        var start = NodaTime.Text.LocalDatePattern.Iso.Parse((await ExplainAsync(receipt.Id, head)).Items.Single(c => c.Kind == "Case").Start).Value;
        await actions.GetByLabel("中止起始日").FillAsync(Iso(start.PlusDays(1)));
        await actions.GetByLabel("告知申请人的书面通知").FillAsync("需组织专家评审，预计 5 个工作日。");
        await actions.GetByLabel("预计所需工作日").FillAsync("5");
        await actions.GetByRole(AriaRole.Button, new() { Name = "中止计时", Exact = true }).ClickAsync();
        await Expect(actions.GetByTestId("clock-action-done")).ToContainTextAsync("已中止计时", Slow);
        await Expect(actions.GetByTestId("open-suspension")).ToContainTextAsync("专家评审");
        await Expect(page.GetByText("已暂停计时").First).ToBeVisibleAsync();

        await actions.GetByLabel("中止最后一日").FillAsync(Iso(start.PlusDays(7)));
        await actions.GetByRole(AriaRole.Button, new() { Name = "恢复计时" }).ClickAsync();
        await Expect(actions.GetByTestId("clock-action-done")).ToContainTextAsync("已恢复计时", Slow);
        await Expect(actions.GetByTestId("open-suspension")).ToHaveCountAsync(0);
        var resumed = (await ExplainAsync(receipt.Id, head)).Items.Single(c => c.Kind == "Case").Promised!;
        resumed.SuspendedDays.Should().BeGreaterThan(0, "the week of the expert review is not counted");
        await ShouldShowAsync(page, resumed);
        await Expect(page.GetByTestId("strip-days").Locator("li[data-kind='Suspended']").First).ToContainTextAsync("停");

        await actions.GetByLabel("延长工作日数").FillAsync("10");
        await actions.GetByLabel("延长理由").FillAsync("涉及多个部门联合办理，需延长。");
        await actions.GetByRole(AriaRole.Button, new() { Name = "批准延长" }).ClickAsync();
        await Expect(actions.GetByTestId("clock-action-done")).ToContainTextAsync("已延长法定期限", Slow);
        await Expect(actions.GetByTestId("extension")).ToContainTextAsync("已延长 10 个工作日");
        await page.GetByTestId("deadline-strip").GetByText("法定期限", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("strip-budget")).ToHaveTextAsync("45 + 延长 10 = 55 个工作日");
        await ShouldShowAsync(page, (await ExplainAsync(receipt.Id, head)).Items.Single(c => c.Kind == "Case").Statutory!);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.ReloadAsync(); // the guide's picture: the page as the head finds it afterwards, actions open
        await page.GetByText("时限操作（牵头部门窗口或负责人）").ClickAsync();
        await Expect(actions.GetByTestId("extension")).ToBeVisibleAsync();
        await page.GetByTestId("deadline-strip").GetByText("法定期限", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("strip-budget")).ToHaveTextAsync("45 + 延长 10 = 55 个工作日");
        await page.Mouse.WheelAsync(0, -20_000); // back to the top: the full-page picture has the app bar where it belongs
        await Screens.SaveAsync(page, "head-case-actions");

        await actions.GetByLabel("延长工作日数").FillAsync("5");
        await actions.GetByLabel("延长理由").FillAsync("再次延长");
        await actions.GetByRole(AriaRole.Button, new() { Name = "批准延长" }).ClickAsync();
        await Expect(actions.GetByTestId("refusal")).ToContainTextAsync("法定期限只能延长一次", Slow);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReviewer_IsRefusedTheExtension_OnTheSamePage()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "陈拒绝");
        var page = await server.SignedInAsync("reviewer.fire");
        await page.GotoAsync(UiRoutes.CaseOf(receipt.Id));
        await page.GetByText("时限操作（牵头部门窗口或负责人）").ClickAsync();
        var actions = page.GetByTestId("clock-actions");
        await actions.GetByLabel("延长工作日数").FillAsync("10");
        await actions.GetByLabel("延长理由").FillAsync("试图延长");
        await actions.GetByRole(AriaRole.Button, new() { Name = "批准延长" }).ClickAsync();
        await Expect(actions.GetByTestId("refusal")).ToContainTextAsync("您的账户无权查看或办理此事项。", Slow);
        await Expect(actions.GetByTestId("extension")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // The strip lists the limit's walk day by day (date and kind, in order) and names its due day.
    private static async Task ShouldShowAsync(IPage page, ClockDerivationView.LimitView limit)
    {
        await Expect(page.GetByTestId("strip-due")).ToHaveAttributeAsync("data-date", limit.Due!);
        var days = page.GetByTestId("strip-days").Locator("li");
        await Expect(days).ToHaveCountAsync(limit.Walk.Count);
        var shown = await days.EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.date + ' ' + c.dataset.kind)");
        shown.Should().Equal(limit.Walk.Select(d => $"{d.Date} {d.Kind}"));
        await Expect(days.Last).ToContainTextAsync("（到期日）");
    }

    private static string Iso(NodaTime.LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    private async Task<ClockDerivationList> ExplainAsync(string caseId, Actor actor)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ExplainDeadline>().ExecuteAsync(new(caseId), actor, default);
        return result.Value ?? throw new InvalidOperationException(result.Refusal?.ToString());
    }
}
