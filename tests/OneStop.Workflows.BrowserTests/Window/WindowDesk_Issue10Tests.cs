using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Window;

/// <summary>
/// Issue 10, the window clerk: a new application through the page (field errors from the use case at their fields), the
/// receipt 受理回执 with the case number and the query password shown once and printed on A4, and the acceptance desk.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class WindowDesk_Issue10Tests(UiServer server)
{
    private const string Restaurant = "开办餐饮店\"一件事\" Opening a restaurant";
    private const string WrongCheckDigit = "110105194912310021";
    private const string ValidId = "11010519491231002X";

    // window.print() is replaced before any page script runs, so the test sees the Print button call it (and no dialog opens).
    private const string CountPrints = "window.__prints = 0; window.print = () => { window.__prints++; };";

    [Fact]
    public async Task AClerk_SubmitsARestaurantOpening_SeesTheFieldError_ThenTheReceipt_PrintsIt_AndAcceptsTheCaseAtTheDesk()
    {
        var page = await server.SignedInAsync("clerk.market");
        await page.Context.AddInitScriptAsync(CountPrints);
        await page.ReloadAsync(); // the script runs in new documents only (the circuit's navigation loads none)
        await page.GetByRole(AriaRole.Link, new() { Name = "新建申请" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/window/new$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新建申请");

        await ChooseAsync(page, Restaurant);
        await Expect(page.GetByTestId("materials")).ToContainTextAsync("容缺");
        await page.GetByLabel("申请人姓名或单位名称").FillAsync("张三丰");
        await page.GetByLabel("身份证号码或统一社会信用代码").FillAsync(WrongCheckDigit);
        await page.GetByLabel("手机号码").FillAsync("13800138000");
        foreach (var material in new[] { "开办餐饮店联合申请表", "营业执照", "消防安全检查告知承诺书" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = material }).CheckAsync();
        }

        await ChooseAsync(page, "窗口领取");
        await AxeAsync(page);
        await SaveAsync(page, "window-new-application");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Expect(page.GetByTestId("field-errors")).ToContainTextAsync("校验码");
        await Expect(page.GetByLabel("身份证号码或统一社会信用代码")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("receipt")).ToHaveCountAsync(0);
        await AxeAsync(page);

        await page.GetByLabel("身份证号码或统一社会信用代码").FillAsync(ValidId);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var receipt = page.GetByTestId("receipt");
        await Expect(receipt.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("受理回执");
        var number = (await page.GetByTestId("case-number").InnerTextAsync()).Trim();
        var password = (await page.GetByTestId("query-password").InnerTextAsync()).Trim();
        number.Should().NotBeNullOrWhiteSpace();
        password.Should().HaveLength(QueryPasswordLength);
        await Expect(page.GetByTestId("received-on")).ToHaveTextAsync(new Regex(@"^\d{4}年\d{1,2}月\d{1,2}日$"));
        await Expect(receipt).ToContainTextAsync(Restaurant);
        await Expect(page.GetByTestId("materials-received").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Expect(receipt).ToContainTextAsync("排水接驳方案", new() { UseInnerText = true }); // the deferrable one, to follow
        await Expect(page.GetByTestId("password-once")).ToContainTextAsync("只显示这一次");
        page.Url.Should().NotContain(password, "the query password is never in an address");
        await AxeAsync(page);
        await SaveAsync(page, "window-receipt");

        await page.GetByRole(AriaRole.Button, new() { Name = "打印回执" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__prints === 1"); // the click reaches the circuit, which calls window.print()
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印回执" })).ToBeHiddenAsync();
        await Expect(page.GetByTestId("query-password")).ToBeVisibleAsync();
        await SaveAsync(page, "window-receipt-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "去受理台" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("受理台");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("待认领");
        await Expect(row).ToContainTextAsync("张*丰");
        await row.GetByRole(AriaRole.Button, new() { Name = "认领" }).ClickAsync();
        var panel = page.GetByTestId("decide-panel");
        await Expect(panel).ToContainTextAsync(number);
        await ChooseAsync(page, "受理");
        await AxeAsync(page);
        await SaveAsync(page, "window-desk");
        await panel.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Expect(page.GetByTestId("desk-notice")).ToHaveTextAsync($"已受理案件 {number}。");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        var accepted = await CaseAsync(number);
        accepted.Status.Should().Be("InReview", "accepting the application starts the reviews");
        accepted.Tasks.Should().Contain(t => t.Kind == "Acceptance" && t.Outcome == "Accepted" && t.DecidedBy == "clerk.market");

        await using var scope = server.Services.CreateAsyncScope();
        var progress = await scope.ServiceProvider.GetRequiredService<QueryCaseProgress>().ExecuteAsync(new QueryCaseProgress.Query(number, password), CancellationToken.None);
        progress.Value!.Status.Should().Be("InReview", "the receipt's password is the case's (the applicant's progress query takes it)");
    }

    [Fact]
    public async Task TheNewApplication_IsFilledAndSubmitted_WithTheKeyboardOnly()
    {
        var page = await server.SignedInAsync("clerk.market");
        await page.GotoAsync("/window/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新建申请");

        var restaurant = page.GetByRole(AriaRole.Radio, new() { Name = Restaurant, Exact = true });
        await TabToAsync(page, page.GetByRole(AriaRole.Radio).First);
        for (var i = 0; i < 10 && !await IsFocusedAsync(restaurant); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.Keyboard.PressAsync("Space");
        await Expect(restaurant).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("李四");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ValidId);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("13900139000");
        await Expect(page.GetByLabel("手机号码")).ToHaveValueAsync("13900139000");
        for (var i = 0; i < 3; i++) // the three required materials, first in the list
        {
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Space");
        }

        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Checked = true })).ToHaveCountAsync(3);
        await TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "窗口领取" }));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("receipt").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("受理回执");
        await Expect(page.GetByTestId("materials-received").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        var number = (await page.GetByTestId("case-number").InnerTextAsync()).Trim();
        (await CaseAsync(number)).Applicant.Name.Should().Be("李四");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AtTheDesk_AClerkRefusesWithAReason_AndAsksForSeveralCorrectionsInOneNotice()
    {
        var refused = await SubmitAsync("王五");
        var corrected = await SubmitAsync("赵六");
        var page = await server.SignedInAsync("clerk.market");
        await page.GotoAsync("/window/desk");

        await page.GetByRole(AriaRole.Button, new() { Name = $"认领案件 {refused}" }).ClickAsync();
        var panel = page.GetByTestId("decide-panel");
        await Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"办理案件 {refused}");
        await ChooseAsync(page, "不予受理");
        var confirm = panel.GetByRole(AriaRole.Button, new() { Name = "确认" });
        await Expect(confirm).ToBeDisabledAsync(); // the reason first
        await panel.GetByLabel("不予受理的理由").FillAsync("申请事项不属于本中心受理范围。");
        await confirm.ClickAsync();
        await Expect(page.GetByTestId("desk-notice")).ToHaveTextAsync($"已对案件 {refused} 作出不予受理决定。");
        var notAccepted = await CaseAsync(refused);
        notAccepted.Status.Should().Be("NotAccepted");
        notAccepted.Tasks.Should().Contain(t => t.Kind == "Acceptance" && t.Outcome == "Refused" && t.Opinion == "申请事项不属于本中心受理范围。");

        await page.GetByRole(AriaRole.Button, new() { Name = $"认领案件 {corrected}" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"办理案件 {corrected}");
        await ChooseAsync(page, "一次性告知补正");
        await panel.GetByLabel("第 1 项：材料").FillAsync("营业执照");
        await panel.GetByLabel("第 1 项：问题").FillAsync("复印件不清晰");
        await panel.GetByRole(AriaRole.Button, new() { Name = "再添加一项" }).ClickAsync();
        await panel.GetByLabel("第 2 项：材料").FillAsync("排水接驳方案");
        await panel.GetByLabel("第 2 项：问题").FillAsync("缺少设计单位盖章");
        await AxeAsync(page);
        await confirm.ClickAsync();
        await Expect(page.GetByTestId("desk-notice")).ToHaveTextAsync($"已就案件 {corrected} 一次性告知补正。");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = corrected })).ToHaveCountAsync(0); // back when the corrections arrive
        await page.Context.CloseAsync();

        var awaiting = await CaseAsync(corrected);
        awaiting.Status.Should().Be("AwaitingCorrection");
        await using var scope = server.Services.CreateAsyncScope();
        var notices = await scope.ServiceProvider.GetRequiredService<GetCorrectionNotices>()
            .ExecuteAsync(new GetCorrectionNotices.Query(awaiting.Id), Clerk, CancellationToken.None);
        notices.Value!.Items.Should().ContainSingle().Which.Items.Select(i => (i.Material, i.Problem))
            .Should().Equal(("营业执照", "复印件不清晰"), ("排水接驳方案", "缺少设计单位盖章"));
    }

    [Fact]
    public async Task TheWindowPages_InEnglish_SayItInEnglish_AndHaveNoSeriousViolations()
    {
        var number = await SubmitAsync("Wang Wu");
        var page = await server.SignedInAsync("clerk.market", "en");
        await page.GotoAsync("/window/new");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New application");
        await ChooseAsync(page, Restaurant);
        await ChooseAsync(page, "By mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the application" }).ClickAsync();
        await Expect(page.GetByTestId("field-errors")).ToContainTextAsync("Delivery by mail needs a postal address.");
        await Expect(page.GetByLabel("Postal address")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("materials")).ToContainTextAsync("Deferrable 容缺");
        await AxeAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Acceptance desk" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Acceptance desk");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Claim case {number}" }).ClickAsync();
        await ChooseAsync(page, "Ask for corrections");
        await Expect(page.GetByTestId("decide-panel")).ToContainTextAsync("Materials to correct");
        await AxeAsync(page);
        await page.Context.CloseAsync();
    }

    private static readonly Actor Clerk = new("clerk.market", Role.WindowClerk, "market");

    /// <summary>A restaurant-opening case submitted at the market window through the use case (the desk's tests start from one).</summary>
    private async Task<string> SubmitAsync(string applicant)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitCase>().ExecuteAsync(new SubmitCase.Command("restaurant-opening",
            new SubmitCase.ApplicantData(applicant, ValidId, "13700137000"), null,
            [new SubmitCase.MaterialData("Business licence 营业执照")], Domain.Catalogue.DeliveryMethod.Pickup, null), Clerk, CancellationToken.None);
        return submitted.Value!.Number;
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (the number of stops before it is the layout's business).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 60 && !await IsFocusedAsync(target); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        (await IsFocusedAsync(target)).Should().BeTrue("Tab reaches {0}", target);
    }

    private static Task<bool> IsFocusedAsync(ILocator target) => target.EvaluateAsync<bool>("e => e === document.activeElement");

    private const int QueryPasswordLength = 8;

    /// <summary>The case as its window sees it (through the use case, as the API would answer).</summary>
    private async Task<CaseDetail> CaseAsync(string number)
    {
        var clerk = Clerk;
        await using var scope = server.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ListCases>().ExecuteAsync(new ListCases.Query(null, null, null, 0, 20, Number: number), clerk, CancellationToken.None);
        var id = found.Value!.Items.Should().ContainSingle().Subject.Id;
        await using var read = server.Services.CreateAsyncScope();
        return (await read.ServiceProvider.GetRequiredService<GetCase>().ExecuteAsync(new GetCase.Query(id), clerk, CancellationToken.None)).Value!;
    }

    /// <summary>axe once the page is still: colours are measured after MudBlazor's transitions (a button just enabled) have ended.</summary>
    private static async Task AxeAsync(IPage page)
    {
        await SettledAsync(page);
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    /// <summary>Waits for the page's finite CSS transitions and animations to end (not a timer: the browser's own promises).</summary>
    private static Task SettledAsync(IPage page) =>
        page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");

    /// <summary>A guide's screenshot from the top of the page (a full-page shot of a scrolled page draws the fixed app bar mid-page).</summary>
    private static async Task SaveAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await SettledAsync(page);
        await Screens.SaveAsync(page, name);
    }

    /// <summary>Selects the radio button named <paramref name="name"/> by its label, as a person clicks it.</summary>
    private static async Task ChooseAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true }).CheckAsync(new() { Force = true });
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true })).ToBeCheckedAsync();
    }
}
