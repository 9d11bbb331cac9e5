using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.BrowserTests.Window;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests;

/// <summary>
/// Issue 10, acceptance 1, through the pages only: a clerk submits and accepts a restaurant-opening case and prints the
/// receipt; four reviewers in four browser contexts decide at once, one returns for correction; the clerk issues the
/// merged notice and records the corrections; after the administrator advances the simulated clock the supervisor's page
/// shows the yellow card appear live (no reload) and acknowledges it; the reviews finish; the clerk delivers; the
/// applicant's page shows the case completed.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class Journey_Issue10Tests(UiServer server)
{
    private const string Restaurant = "开办餐饮店\"一件事\" Opening a restaurant";
    private const string Applicant = "钱全程";
    private const string Returned = "排水接驳方案";
    private const string Problem = "缺少设计单位盖章";

    /// <summary>The four reviewing departments of the restaurant opening (lead market; fire, urban, water) and what each decides.</summary>
    private static readonly (string User, string Outcome, string Opinion)[] Reviewers =
    [
        ("reviewer.market", "同意", "经营场所与营业执照一致。"),
        ("reviewer.fire", "同意", "消防安全承诺书齐全。"),
        ("reviewer.urban", "退回补正", "排水接驳方案需补正。"),
        ("reviewer.water", "同意", "具备排水接入条件。"),
    ];

    [Fact]
    public async Task ARestaurantOpening_FromTheWindow_ThroughFourReviewsAndACorrection_ToDeliveryAndTheApplicantsPage()
    {
        // 1. The clerk submits the application, prints the receipt and accepts the case at the desk.
        var clerk = await server.SignedInAsync("clerk.market");
        await clerk.Context.AddInitScriptAsync(WindowPages.CountPrints);
        await clerk.ReloadAsync(); // the script runs in new documents only; from here the clerk moves by links (one document)
        var (number, password) = await SubmitAsync(clerk);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "打印回执" }).ClickAsync();
        await clerk.WaitForPrintsAsync(1);
        await AcceptAsync(clerk, number);

        // 2. Four reviewers, each in their own browser, open the case's review; then all four claim and decide at once.
        var reviewers = new Dictionary<string, IPage>();
        foreach (var (user, _, _) in Reviewers)
        {
            reviewers[user] = await OpenReviewAsync(user, number);
        }

        await Task.WhenAll(Reviewers.Select(r => DecideAsync(reviewers[r.User], r.Outcome, r.Opinion)));
        foreach (var page in reviewers.Values)
        {
            await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("已办结");
        }

        // 3. The clerk issues the merged correction notice at the desk, prints it, and records the corrections on the case page.
        await clerk.GetByRole(AriaRole.Button, new() { Name = "刷新" }).ClickAsync(); // still on the desk since the acceptance
        var notice = clerk.Locator($"tr[data-case-number='{number}'][data-kind='CorrectionNotice']");
        await notice.GetByRole(AriaRole.Button, new() { Name = $"认领案件 {number}" }).ClickAsync();
        var panel = clerk.GetByTestId("issue-panel");
        await Expect(panel.GetByTestId("draft-items")).ToContainTextAsync(Returned);
        await Expect(panel.GetByTestId("draft-items")).ToContainTextAsync("城市管理");
        await clerk.AxeAsync();
        await clerk.ShotAsync("window-issue-notice");
        await panel.GetByRole(AriaRole.Button, new() { Name = "发出补正告知书" }).ClickAsync();
        await Expect(clerk.GetByTestId("desk-notice")).ToHaveTextAsync($"已发出案件 {number} 的补正告知书。");
        var sheet = clerk.GetByTestId("correction-notice");
        await Expect(sheet.GetByRole(AriaRole.Heading, new() { Name = "补正材料告知书" })).ToBeVisibleAsync();
        await Expect(sheet.GetByTestId("notice-items")).ToContainTextAsync(Problem);
        await Expect(sheet.GetByTestId("notice-text")).ToContainTextAsync(number);
        await clerk.AxeAsync();
        await clerk.ShotAsync("window-correction-notice");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "打印补正告知书" }).ClickAsync();
        await clerk.WaitForPrintsAsync(2);
        await clerk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(clerk.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(clerk.GetByTestId("desk-notice")).ToBeHiddenAsync();
        await Expect(sheet.GetByTestId("notice-items")).ToBeVisibleAsync();
        await clerk.ShotAsync("window-correction-notice-print");
        await clerk.EmulateMediaAsync(new() { Media = Media.Screen });

        await clerk.GetByRole(AriaRole.Link, new() { Name = $"打开案件 {number} 的窗口页面" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"办件 {number}（窗口）");
        await Expect(clerk.GetByTestId("window-case-status")).ToHaveTextAsync("待补正");
        await clerk.GetByRole(AriaRole.Checkbox, new() { Name = Returned }).CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登记补正材料" }).ClickAsync();
        await Expect(clerk.GetByTestId("case-notice")).ToHaveTextAsync($"已登记案件 {number} 的补正材料，审查已恢复。");
        await Expect(clerk.GetByTestId("window-case-status")).ToHaveTextAsync("审查中");
        await Expect(clerk.GetByTestId("corrections-form")).ToHaveCountAsync(0);

        // 4. The supervisor's alert page is open; the administrator moves the simulated clock thirty days on, and the yellow
        //    card of this case appears on the supervisor's page without a reload, and is acknowledged there.
        var supervisor = await server.SignedInAsync("supervisor");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "实时预警" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("实时预警");
        var badge = supervisor.GetByTestId("alert-badge");
        await Expect(badge).ToBeVisibleAsync();
        var before = await badge.GetAttributeAsync("aria-label");
        var yellow = supervisor.Locator($"tr[data-case-number='{number}'][data-level='Yellow']");
        await Expect(yellow).ToHaveCountAsync(0);

        var admin = await server.SignedInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "模拟时钟" }).ClickAsync();
        await admin.GetByLabel("小时数").FillAsync("720");
        await admin.GetByRole(AriaRole.Button, new() { Name = "拨快" }).ClickAsync();
        await Expect(admin.GetByTestId("clock-moved")).ToContainTextAsync("已拨到");
        await admin.Context.CloseAsync();

        await Expect(yellow.First).ToBeVisibleAsync(new() { Timeout = 20_000 }); // no reload, no navigation since the page opened
        await Expect(badge).Not.ToHaveAttributeAsync("aria-label", before ?? "");
        await supervisor.ShotAsync("journey-supervisor-yellow-card");
        await yellow.First.GetByRole(AriaRole.Button, new() { Name = $"确认办件 {number} 的黄牌" }).ClickAsync();
        await Expect(yellow.First).ToContainTextAsync("supervisor");
        await supervisor.Context.CloseAsync();

        // 5. The returned review comes back to urban with the corrections; its reviewer approves it, and the case is decided.
        var urban = reviewers["reviewer.urban"];
        await FindReviewAsync(urban, number);
        await DecideAsync(urban, "同意", "补正后的排水接驳方案符合要求。");
        await Expect(urban.GetByTestId("task-status")).ToHaveTextAsync("已办结");
        foreach (var page in reviewers.Values)
        {
            await page.Context.CloseAsync();
        }

        // 6. The clerk finds the case by its number and delivers the result (ready for pickup, then delivered).
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "办件查询" }).ClickAsync();
        await clerk.GetByLabel("办件编号").FillAsync(number);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var found = clerk.Locator($"tr[data-case-number='{number}']");
        await Expect(found).ToContainTextAsync("钱*程");
        await Expect(found).ToContainTextAsync("待送达");
        await clerk.AxeAsync();
        await clerk.ShotAsync("window-case-search");
        await found.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(clerk.GetByTestId("window-case-status")).ToHaveTextAsync("已办结");
        await Expect(clerk.GetByTestId("window-case-decision")).ToContainTextAsync("准予");
        await clerk.ChooseAsync("待领取");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登记送达" }).ClickAsync();
        await Expect(clerk.GetByTestId("delivery-status")).ToHaveTextAsync("待领取");
        await clerk.ChooseAsync("已送达");
        await clerk.AxeAsync();
        await clerk.ShotAsync("window-case");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "登记送达" }).ClickAsync();
        await Expect(clerk.GetByTestId("case-notice")).ToHaveTextAsync($"已将案件 {number} 的送达状态更新为：已送达。");
        await Expect(clerk.GetByTestId("delivery-status")).ToHaveTextAsync("已送达");
        await Expect(clerk.GetByTestId("notices")).ToContainTextAsync(Returned);
        await clerk.Context.CloseAsync();

        // 7. The applicant, on a phone, sees the case completed and delivered.
        var applicant = await server.NewPageAsync(viewport: new ViewportSize { Width = 390, Height = 844 });
        await applicant.GotoAsync("/progress");
        await applicant.GetByLabel("办件编号").FillAsync(number);
        await applicant.GetByLabel("查询密码").FillAsync(password);
        await applicant.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(applicant.GetByTestId("progress-status")).ToHaveTextAsync("已办结");
        await Expect(applicant.GetByTestId("progress-delivery")).ToContainTextAsync("已送达");
        await applicant.AxeAsync();
        await applicant.ShotAsync("journey-applicant-completed");
        await applicant.Context.CloseAsync();
    }

    /// <summary>The new application with the three required materials, for pickup; the receipt's number and password.</summary>
    private static async Task<(string Number, string Password)> SubmitAsync(IPage clerk)
    {
        await clerk.GetByRole(AriaRole.Link, new() { Name = "新建申请" }).ClickAsync();
        await clerk.ChooseAsync(Restaurant);
        await clerk.GetByLabel("申请人姓名或单位名称").FillAsync(Applicant);
        await clerk.GetByLabel("身份证号码或统一社会信用代码").FillAsync("11010519491231002X");
        await clerk.GetByLabel("手机号码").FillAsync("13600136000");
        foreach (var material in new[] { "开办餐饮店联合申请表", "营业执照", "消防安全检查告知承诺书" })
        {
            await clerk.GetByRole(AriaRole.Checkbox, new() { Name = material }).CheckAsync();
        }

        await clerk.ChooseAsync("窗口领取");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Expect(clerk.GetByTestId("receipt").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("受理回执");
        var number = (await clerk.GetByTestId("case-number").InnerTextAsync()).Trim();
        var password = (await clerk.GetByTestId("query-password").InnerTextAsync()).Trim();
        number.Should().MatchRegex(@"^\S+$");
        password.Should().NotBeNullOrWhiteSpace();
        return (number, password);
    }

    /// <summary>At the desk: claim the case's acceptance task and accept it.</summary>
    private static async Task AcceptAsync(IPage clerk, string number)
    {
        await clerk.GetByRole(AriaRole.Link, new() { Name = "去受理台" }).ClickAsync();
        var row = clerk.Locator($"tr[data-case-number='{number}'][data-kind='Acceptance']");
        await row.GetByRole(AriaRole.Button, new() { Name = $"认领案件 {number}" }).ClickAsync();
        var panel = clerk.GetByTestId("decide-panel");
        await Expect(panel).ToContainTextAsync(number);
        await clerk.ChooseAsync("受理");
        await panel.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Expect(clerk.GetByTestId("desk-notice")).ToHaveTextAsync($"已受理案件 {number}。");
    }

    /// <summary>A reviewer signs in and opens the case's review from their inbox (newest first).</summary>
    private async Task<IPage> OpenReviewAsync(string user, string number)
    {
        var page = await server.SignedInAsync(user);
        await FindReviewAsync(page, number);
        return page;
    }

    private static async Task FindReviewAsync(IPage page, string number)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "待办事项", Exact = true }).ClickAsync();
        await page.GetByText("按收到时间（新的在前）", new() { Exact = true }).ClickAsync();
        // The inbox re-uses its rows as it re-sorts, so a click could land on a row that just turned into another case:
        // read the address of this case's link (one query in the browser) and open it, as a click on it would.
        var link = page.Locator($"tr[data-case-number='{number}']").GetByRole(AriaRole.Link, new() { Name = number });
        var address = await link.GetAttributeAsync("href");
        address.Should().StartWith("/inbox/tasks/");
        await page.GotoAsync(address!);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "认领此任务" })).ToBeVisibleAsync();
    }

    /// <summary>Claim and decide the open task page; a return for correction names its item.</summary>
    private static async Task DecideAsync(IPage page, string outcome, string opinion)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "认领此任务" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = outcome, Exact = true }).CheckAsync();
        await page.GetByLabel("审查意见").FillAsync(opinion);
        if (outcome == "退回补正")
        {
            await page.GetByLabel("材料名称").FillAsync(Returned);
            await page.GetByLabel("问题说明").FillAsync(Problem);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "提交办理意见" }).ClickAsync();
    }
}
