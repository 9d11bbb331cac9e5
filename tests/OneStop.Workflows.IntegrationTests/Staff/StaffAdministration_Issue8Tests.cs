using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;
using static OneStop.Workflows.IntegrationTests.Staff.StaffClients;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>
/// Issue 8, staff administration end to end on PostgreSQL (acceptance 3): an administrator creates a user, who signs in
/// with the one-time password, is held to changing it, and then works; role changes, disabling and resets end the user's
/// tokens and cookies at once; every change is in the audit trail with the administrator as actor.
/// </summary>
public sealed class StaffAdministration_Issue8Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    private const string NewPassword = "Harbour-Lantern-42";

    [Fact]
    public async Task CreatedUser_SignsInWithTheOneTimePassword_MustChangeIt_ThenWorks()
    {
        var admin = await Driver.As("admin");
        var created = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "clerk.li", displayName = "李娜 Li Na", role = "WindowClerk", department = "market" }), HttpStatusCode.Created);
        created["user"]!["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();
        created["user"]!["active"]!.GetValue<bool>().Should().BeTrue();
        var oneTime = created["oneTimePassword"]!.GetValue<string>();
        oneTime.Length.Should().BeGreaterThanOrEqualTo(10);
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users/clerk.li"), HttpStatusCode.OK)).ContainsKey("oneTimePassword").Should().BeFalse("shown once");

        using var clerk = await SignedInAsync(Factory, "clerk.li", oneTime);
        var me = await HttpJson.ReadAsync(await clerk.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        me["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();
        me["department"]!.GetValue<string>().Should().Be("market");

        var held = await clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence"));
        var problem = await HttpJson.ReadAsync(held, HttpStatusCode.Forbidden);
        held.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["code"]!.GetValue<string>().Should().Be("password-change-required");
        (await clerk.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await clerk.PostAsJsonAsync("/api/auth/password", new { currentPassword = oneTime, newPassword = NewPassword }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await clerk.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a password change ends the account's earlier tokens");
        (await Factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "clerk.li", password = oneTime }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the one-time password is used up");

        using var working = await SignedInAsync(Factory, "clerk.li", NewPassword);
        (await HttpJson.ReadAsync(await working.GetAsync("/api/auth/me"), HttpStatusCode.OK))["mustChangePassword"]!.GetValue<bool>().Should().BeFalse();
        await HttpJson.ReadAsync(await working.PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence")), HttpStatusCode.Created);

        var audit = await AuditAsync(Factory, "clerk.li");
        audit.Select(e => (e.Action, e.Actor)).Should().Contain([(AuditActions.UserCreated, "admin"), (AuditActions.PasswordChanged, "clerk.li")]);
        var createdDetails = JsonNode.Parse(audit.Single(e => e.Action == AuditActions.UserCreated).Details!)!["after"]!;
        createdDetails["role"]!.GetValue<string>().Should().Be("WindowClerk");
        createdDetails["department"]!.GetValue<string>().Should().Be("market");
        audit.Should().NotContain(e => (e.Details ?? string.Empty).Contains(oneTime), "no password is ever audited");
    }

    [Fact]
    public async Task RoleChange_EndsTheUsersTokenCookieAndRefreshToken_AndIsAuditedWithBeforeAndAfter()
    {
        var tokenAnswer = await HttpJson.ReadAsync(await Factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "reviewer.water", password = DemoUsers.Password }), HttpStatusCode.OK);
        using var bearer = WithToken(Factory, tokenAnswer["accessToken"]!.GetValue<string>());
        using var browser = Factory.CreateClient();
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { userName = "reviewer.water", password = DemoUsers.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await bearer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await Driver.As("admin");
        var changed = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/admin/users/reviewer.water/role", new { role = "DepartmentHead", department = "water" }), HttpStatusCode.OK);
        changed["role"]!.GetValue<string>().Should().Be("DepartmentHead");

        (await bearer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokenAnswer["refreshToken"]!.GetValue<string>() }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the refresh token vouches for the old role");
        using var again = await Factory.CreateClientAsAsync("reviewer.water");
        (await HttpJson.ReadAsync(await again.GetAsync("/api/auth/me"), HttpStatusCode.OK))["role"]!.GetValue<string>().Should().Be("DepartmentHead");

        var change = (await AuditAsync(Factory, "reviewer.water")).Single(e => e.Action == AuditActions.UserRoleChanged);
        change.Actor.Should().Be("admin");
        var details = JsonNode.Parse(change.Details!)!;
        details["before"]!["role"]!.GetValue<string>().Should().Be("Reviewer");
        details["after"]!["role"]!.GetValue<string>().Should().Be("DepartmentHead");
    }

    [Fact]
    public async Task Disable_RefusesTheExistingTokenAndSignIn_Enable_LetsTheUserSignInAgain()
    {
        using var reviewer = await Factory.CreateClientAsAsync("reviewer.fire");
        (await reviewer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        var admin = await Driver.As("admin");

        var disabled = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users/reviewer.fire/disable", null), HttpStatusCode.OK);
        disabled["active"]!.GetValue<bool>().Should().BeFalse();

        (await reviewer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "reviewer.fire", password = DemoUsers.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users/reviewer.fire/disable", null), HttpStatusCode.Conflict))["code"]!.GetValue<string>()
            .Should().Be("user.already-disabled");

        await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users/reviewer.fire/enable", null), HttpStatusCode.OK);
        (await reviewer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "tokens from before the disabling stay ended");
        using var back = await Factory.CreateClientAsAsync("reviewer.fire");
        (await back.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await AuditAsync(Factory, "reviewer.fire")).Where(e => e.Actor == "admin").Select(e => e.Action)
            .Should().BeEquivalentTo([AuditActions.UserDisabled, AuditActions.UserEnabled]);
    }

    [Fact]
    public async Task ResetPassword_EndsTheOldPasswordAndTokens_AndTheUserMustChangeTheNewOne()
    {
        using var before = await Factory.CreateClientAsAsync("head.fire");
        var admin = await Driver.As("admin");

        var reset = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users/head.fire/reset-password", null), HttpStatusCode.OK);
        var oneTime = reset["oneTimePassword"]!.GetValue<string>();
        reset["user"]!["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();

        (await before.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "head.fire", password = DemoUsers.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var head = await SignedInAsync(Factory, "head.fire", oneTime);
        (await HttpJson.ReadAsync(await head.GetAsync("/api/supervision/signals"), HttpStatusCode.Forbidden))["code"]!.GetValue<string>().Should().Be("password-change-required");

        var audit = (await AuditAsync(Factory, "head.fire")).Single(e => e.Action == AuditActions.PasswordReset);
        audit.Actor.Should().Be("admin");
        audit.Details.Should().NotContain(oneTime);
    }

    [Theory]
    [InlineData("short", "newPassword")]
    [InlineData("password123", "newPassword")]
    [InlineData("clerk.market-rocks", "newPassword")]
    public async Task ChangeOwnPassword_RefusesWeakPasswords_As400NamingTheField(string weak, string field)
    {
        using var clerk = await Factory.CreateClientAsAsync("clerk.market");

        var response = await clerk.PostAsJsonAsync("/api/auth/password", new { currentPassword = DemoUsers.Password, newPassword = weak });

        var problem = await HttpJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]![field].Should().NotBeNull(problem.ToJsonString());
        (await clerk.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK, "a refused change changes nothing");
    }

    [Fact]
    public async Task ChangeOwnPassword_RefusesAWrongCurrentPassword()
    {
        using var clerk = await Factory.CreateClientAsAsync("clerk.market");

        var problem = await HttpJson.ReadAsync(await clerk.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not-it-at-all", newPassword = NewPassword }),
            HttpStatusCode.BadRequest);

        problem["errors"]!["currentPassword"].Should().NotBeNull();
        await StaffClients.TokenAsync(Factory, "clerk.market", DemoUsers.Password);
    }

    [Theory]
    [InlineData("""{"userName":"x","displayName":"X","role":"Designer"}""", "userName")]
    [InlineData("""{"userName":"new.one","displayName":"","role":"Designer"}""", "displayName")]
    [InlineData("""{"userName":"new.one","displayName":"N","role":"Wizard"}""", "role")]
    [InlineData("""{"userName":"new.one","displayName":"N","role":"Reviewer"}""", "department")]
    [InlineData("""{"userName":"new.one","displayName":"N","role":"Reviewer","department":"nowhere"}""", "department")]
    [InlineData("""{"userName":"new.one","displayName":"N","role":"Supervisor","department":"fire"}""", "department")]
    public async Task CreateUser_RefusesBadInput_As400NamingTheField_AndCreatesNothing(string body, string field)
    {
        var admin = await Driver.As("admin");

        var problem = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        problem["errors"]![field].Should().NotBeNull(problem.ToJsonString());
        (await admin.GetAsync("/api/admin/users/new.one")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateUser_RefusesATakenName_IgnoringCase()
    {
        var admin = await Driver.As("admin");

        var problem = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/admin/users", new { userName = "Designer", displayName = "Another", role = "Designer" }), HttpStatusCode.Conflict);

        problem["code"]!.GetValue<string>().Should().Be("user.exists");
    }

    [Fact]
    public async Task ListUsers_PagesByUserName_AndFilters()
    {
        var admin = await Driver.As("admin");

        var first = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users?pageSize=10"), HttpStatusCode.OK);
        var second = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users?pageSize=10&page=1"), HttpStatusCode.OK);
        var names = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(u => u!["userName"]!.GetValue<string>()).ToList();

        first["totalCount"]!.GetValue<int>().Should().Be(DemoUsers.All.Count);
        names.Should().HaveCount(20).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        var heads = await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users?role=DepartmentHead&department=fire"), HttpStatusCode.OK);
        heads["items"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()).Should().Equal("head.fire");
        foreach (var bad in new[] { "page=-1", "pageSize=0", "pageSize=abc", "page=2147483647", "role=Wizard", "active=maybe" })
        {
            (await admin.GetAsync($"/api/admin/users?{bad}")).StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task AdministratorsCannotDisableDemoteOrResetThemselves()
    {
        var admin = await Driver.As("admin");

        foreach (var response in new[]
        {
            await admin.PostAsync("/api/admin/users/admin/disable", null),
            await admin.PostAsync("/api/admin/users/admin/reset-password", null),
            await admin.PutAsJsonAsync("/api/admin/users/admin/role", new { role = "Designer" }),
        })
        {
            (await HttpJson.ReadAsync(response, HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("user.self");
        }

        (await admin.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownUsers_Are404()
    {
        var admin = await Driver.As("admin");

        (await admin.GetAsync("/api/admin/users/nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/admin/users/nobody/disable", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/admin/users/nobody/reset-password", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/admin/users/ad%01min", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/admin/users/ad%01min/disable", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/admin/users?department=fi%00re", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/admin/users", """{"userName":"new.one","displayName":"N","role":"Reviewer","department":"fi\u0000re"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/admin/users", """{"userName":"new\u0000one","displayName":"N","role":"Designer"}""", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/api/admin/departments/fi%01re", """{"chineseName":"消防","englishName":"Fire"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/admin/departments", """{"code":"audit","chineseName":"审计局","englishName":"Audit","parentCode":"ci\u0000ty"}""", HttpStatusCode.BadRequest)]
    public async Task ControlCharacters_AreRefusedWith4xx_NeverReachingTheDatabase(string method, string url, string? body, HttpStatusCode expected)
    {
        var admin = await Driver.As("admin");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await admin.SendAsync(request);

        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
