using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10, acceptance 5 (ADR 0011): a member of staff in several departments — one home department and further ones.
/// One inbox over all of them in due order with correct paging, work on any of them, nothing outside them, the change
/// reaching a signed-in user at the next request, the admin route's checks, and the alerts of every department reaching them.
/// </summary>
public sealed class DepartmentMembership_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    /// <summary>A reviewer at home in market who also reviews for fire (an approval bureau reviewer).</summary>
    private static readonly Actor Member = new("reviewer.mf", Role.Reviewer, "market", ["fire"]);

    private async Task CreateMemberAsync() =>
        Value(await Run<CreateUser, Result<UserWithOneTimePassword>>(u => u.ExecuteAsync(
            new(Member.UserName, "审批局审查人员 Bureau reviewer", nameof(Role.Reviewer), "market", ["fire"]), Admin, default)));

    private Task<Result<ListTasks.Page>> InboxAsync(Actor actor, int page, int size, string? department = null) =>
        Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, page, size, ListTasks.Order.Due, department), actor, default));

    /// <summary>Restaurant openings (market leads; fire, urban and water review) and food licences (market only), on different days.</summary>
    private async Task<List<string>> SubmitOnDifferentDaysAsync()
    {
        var ids = new List<string>();
        foreach (var (day, item) in new[] { ("2025-09-22", "restaurant-opening"), ("2025-09-23", "food-business-licence"), ("2025-09-24", "restaurant-opening"), ("2025-09-25", "food-business-licence"), ("2025-09-26", "restaurant-opening") })
        {
            Factory.Clock.Reset(CentreTime.At($"{day}T09:00"));
            ids.Add(await Driver.SubmitAndAcceptAsync("clerk.market", item));
        }

        return ids;
    }

    [Fact]
    public async Task AMemberOfMarketAndFire_SeesBothInOneInbox_ByDue_PagedCorrectlyAtTheBoundary_AndFiltersToOne()
    {
        await CreateMemberAsync();
        await SubmitOnDifferentDaysAsync();

        var market = Value(await InboxAsync(Reviewer("market"), 0, 100));
        var fire = Value(await InboxAsync(Reviewer("fire"), 0, 100));
        var all = Value(await InboxAsync(Member, 0, 100));
        var paged = new List<InboxItem>();
        for (var page = 0; page * 3 < all.TotalCount; page++)
        {
            paged.AddRange(Value(await InboxAsync(Member, page, 3)).Items);
        }

        market.Items.Should().HaveCount(5);
        fire.Items.Should().HaveCount(3);
        all.TotalCount.Should().Be(8, "the sum of the departments' counts");
        all.Departments.Should().Equal("market", "fire");
        all.Items.Select(i => i.Id).Should().BeEquivalentTo(market.Items.Concat(fire.Items).Select(i => i.Id));
        all.Items.Select(i => i.DueDay).Should().Equal(market.Items.Concat(fire.Items).Select(i => i.DueDay).OrderBy(d => d ?? "9999", StringComparer.Ordinal),
            "one order by due day across both departments");
        all.Items.Select(i => i.Department).Distinct().Should().BeEquivalentTo(["market", "fire"]);
        paged.Select(i => i.Id).Should().Equal(all.Items.Select(i => i.Id), "pages of 3 cut the same order (8 items: 3 + 3 + 2)");
        Value(await InboxAsync(Member, 0, 100, "fire")).Items.Select(i => i.Id).Should().Equal(fire.Items.Select(i => i.Id));
        Value(await InboxAsync(Member, 0, 100, "market")).Items.Select(i => i.Id).Should().Equal(market.Items.Select(i => i.Id));
        var notMine = await InboxAsync(Member, 0, 100, "urban");
        notMine.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        notMine.Refusal.Errors.Should().ContainKey("department");
    }

    [Fact]
    public async Task AMember_ClaimsAndDecidesAFireReview_ButAnUrbanReviewIsForbidden_AndUnchanged()
    {
        await CreateMemberAsync();
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var caseId = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening")));
        var fireReview = await OpenTaskAsync(caseId, TaskKind.Review, "fire");
        var urbanReview = await OpenTaskAsync(caseId, TaskKind.Review, "urban");

        var claimed = await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(fireReview.Id.ToString()), Member, default));
        var decided = await DecideAsync(fireReview.Id, Outcomes.Approved, Member, "消防审查通过 Fire review passed");
        var refusedClaim = await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(urbanReview.Id.ToString()), Member, default));
        var refusedDecision = await DecideAsync(urbanReview.Id, Outcomes.Approved, Member, "Not mine");
        var visible = await Run<GetCase, Result<CaseDetail>>(u => u.ExecuteAsync(new(caseId.ToString()), Member, default));

        Value(claimed).Assignee.Should().Be(Member.UserName);
        Value(decided).Outcome.Should().Be(Outcomes.Approved);
        refusedClaim.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        refusedDecision.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        await using var db = Db();
        var urban = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == urbanReview.Id);
        urban.Should().BeEquivalentTo(new { Assignee = (string?)null, Status = ApprovalTaskStatus.Open, Outcome = (string?)null });
        Value(visible).Number.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ARemovedMembership_IsRefused_AtTheUsersNextRequest()
    {
        using var admin = await Factory.CreateClientAsAsync("admin");
        using var bureau = await Factory.CreateClientAsAsync("reviewer.bureau");
        (await bureau.GetAsync("/api/tasks?department=ecology")).StatusCode.Should().Be(HttpStatusCode.OK, "the demo bureau reviewer also works for ecology");
        var me = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users/reviewer.bureau"), HttpStatusCode.OK);
        me["furtherDepartments"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("ecology", "resources");

        var changed = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/admin/users/reviewer.bureau/role",
            new { role = "Reviewer", department = "drc", furtherDepartments = new[] { "resources" } }), HttpStatusCode.OK);
        var refused = await bureau.GetAsync("/api/tasks?department=ecology");
        using var again = await Factory.CreateClientAsAsync("reviewer.bureau");
        var notMine = await again.GetAsync("/api/tasks?department=ecology");
        var stillMine = await again.GetAsync("/api/tasks?department=resources");

        changed["furtherDepartments"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("resources");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the change re-stamps the account, as a role change does");
        notMine.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        stillMine.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = Db();
        (await db.AuditEvents.AsNoTracking().Where(e => e.Subject == "reviewer.bureau" && e.Action == Domain.Audit.AuditActions.UserRoleChanged).Select(e => e.Details).SingleAsync())
            .Should().Contain("\"furtherDepartments\":[\"ecology\",\"resources\"]").And.Contain("\"furtherDepartments\":[\"resources\"]");
    }

    [Theory]
    [InlineData("""{"role":"Reviewer","department":"drc","furtherDepartments":["no-such-dept"]}""")]
    [InlineData("""{"role":"Reviewer","department":"drc","furtherDepartments":["fire","fire"]}""")]
    [InlineData("""{"role":"Reviewer","department":"drc","furtherDepartments":["drc"]}""")]
    [InlineData("""{"role":"Reviewer","department":"drc","furtherDepartments":["Not A Code"]}""")]
    [InlineData("""{"role":"Supervisor","furtherDepartments":["fire"]}""")]
    [InlineData("""{"role":"Reviewer","department":"drc","furtherDepartments":["market","police","tax","social","fund","fire","urban","water","housing","airdefence","industry"]}""")]
    public async Task BadFurtherDepartments_Are400_AtTheirField_AndChangeNothing(string body)
    {
        using var admin = await Factory.CreateClientAsAsync("admin");
        var before = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users/reviewer.bureau"), HttpStatusCode.OK);

        var answer = await admin.PutAsync("/api/admin/users/reviewer.bureau/role", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var created = await admin.PostAsync("/api/admin/users", new StringContent(
            body.Replace("{", """{"userName":"new.member","displayName":"新成员 New member",""", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await HttpJson.ReadAsync(answer, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("furtherDepartments");
        (await HttpJson.ReadAsync(created, HttpStatusCode.BadRequest))["errors"]!.AsObject().Should().ContainKey("furtherDepartments");
        var after = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users/reviewer.bureau"), HttpStatusCode.OK);
        after.ToJsonString().Should().Be(before.ToJsonString());
        (await admin.GetAsync("/api/admin/users/new.member")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAlertsOfAFireReview_ReachTheMember_AsTheyReachFiresOwnReviewer()
    {
        await CreateMemberAsync();
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var caseId = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        Factory.Clock.Reset(CentreTime.At("2025-12-01T09:00"));
        await Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

        async Task<List<string>> RulesOf(Actor actor) =>
            Value(await Run<ListAlerts, Result<ListAlerts.AlertPage>>(u => u.ExecuteAsync(new(0, 200), actor, default)))
                .Items.Where(a => a.CaseId == caseId).Select(a => a.Rule).Order(StringComparer.Ordinal).ToList();

        var fire = await RulesOf(Reviewer("fire"));
        var market = await RulesOf(Reviewer("market"));
        var member = await RulesOf(Member);

        fire.Should().NotBeEmpty("the unassigned fire review's prompt goes to fire's reviewers");
        member.Should().Equal(fire.Concat(market).Order(StringComparer.Ordinal), "the member is told whatever each of its departments' reviewers is told");
        (await RulesOf(Reviewer("urban"))).Should().NotBeEmpty().And.NotBeEquivalentTo(member);
    }
}

/// <summary>Issue 10 (ADR 0011) on SQLite (the README's run): the several-department inbox's UNION ALL runs there too.</summary>
public sealed class DepartmentMembershipSqlite_Issue10Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-members-").FullName;
    private OneStopApiFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheBureauReviewersInbox_AnswersOnSqlite_InBothOrders()
    {
        using var bureau = await _server.CreateClientAsAsync("reviewer.bureau");

        foreach (var sort in new[] { "due", "created" })
        {
            var page = await HttpJson.ReadAsync(await bureau.GetAsync($"/api/tasks?sort={sort}&page=1&pageSize=5"), HttpStatusCode.OK);
            page["departments"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("drc", "ecology", "resources");
            page["totalCount"]!.GetValue<int>().Should().Be(0);
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
