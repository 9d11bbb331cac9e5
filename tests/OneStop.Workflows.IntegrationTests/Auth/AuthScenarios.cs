using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>Sign-in (token and cookie), the demo users, the policies and the audit of sign-ins, against a real database.</summary>
public abstract class AuthScenarios : IAsyncLifetime
{
    private OneStopApiFactory _factory = null!;

    private HttpClient Anonymous { get; set; } = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        Anonymous = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Token_IsIssuedAndAccepted_WhenCredentialsAreRight()
    {
        var response = await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "designer", password = DemoUsers.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = await HttpJson.BodyAsync(response);
        token["tokenType"]!.GetValue<string>().Should().Be("Bearer");
        token["expiresIn"]!.GetValue<long>().Should().BePositive();
        token["refreshToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-definitions/fork-join-sample");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        (await Anonymous.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_Returns401WithTheSameProblem_WhenPasswordWrongOrUserUnknown()
    {
        var wrongPassword = await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "designer", password = "Demo123?" });
        var unknownUser = await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = DemoUsers.Password });

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongPassword.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var first = await ProblemWithoutTraceId(wrongPassword);
        JsonNode.DeepEquals(first, await ProblemWithoutTraceId(unknownUser)).Should().BeTrue();
        first["detail"]!.GetValue<string>().Should().Be(AuthProblems.SignInFailedDetail);
    }

    [Fact]
    public async Task Token_Returns401WithTheSameProblem_WhenUserIsInactive()
    {
        await Deactivate("reviewer.water");

        var inactive = await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "reviewer.water", password = DemoUsers.Password });
        var wrongPassword = await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "designer", password = "wrong" });

        inactive.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        JsonNode.DeepEquals(await ProblemWithoutTraceId(inactive), await ProblemWithoutTraceId(wrongPassword)).Should().BeTrue();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"userName\":\"designer\"}")]
    [InlineData("{\"password\":\"Demo123!\"}")]
    [InlineData("{\"userName\":\"\",\"password\":\"Demo123!\"}")]
    [InlineData("{\"userName\":5,\"password\":\"Demo123!\"}")]
    [InlineData("{")]
    public async Task Token_Returns400_WhenFieldsAreMissing(string body)
    {
        var response = await Anonymous.PostAsync("/api/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Token_IsRefused_WhenItIsNotOneOfOurs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await Anonymous.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Refresh_IssuesANewToken_UntilTheUserIsDisabled()
    {
        var token = await HttpJson.BodyAsync(await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "head.fire", password = DemoUsers.Password }));
        var refreshToken = token["refreshToken"]!.GetValue<string>();

        var refreshed = await Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await HttpJson.BodyAsync(refreshed))["accessToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        await Deactivate("head.fire");
        (await Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_ShowsTheDepartment_ForAReviewer()
    {
        using var reviewer = await _factory.CreateClientAsAsync("reviewer.fire");

        var me = await HttpJson.BodyAsync(await reviewer.GetAsync("/api/auth/me"));

        me["userName"]!.GetValue<string>().Should().Be("reviewer.fire");
        me["role"]!.GetValue<string>().Should().Be("Reviewer");
        me["department"]!.GetValue<string>().Should().Be("fire");
        me["displayName"]!.GetValue<string>().Should().Contain("Fire reviewer");
    }

    [Fact]
    public async Task Me_Returns401ProblemDetails_WhenAnonymous()
    {
        var response = await Anonymous.GetAsync("/api/auth/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await HttpJson.BodyAsync(response))["type"]!.GetValue<string>().Should().Be(AuthProblems.UnauthorizedType);
    }

    [Fact]
    public async Task Passwords_AreStoredHashed_AndTheHashVerifies()
    {
        await using var db = await Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "reviewer.fire");

        user.PasswordHash.Should().NotBe(DemoUsers.Password).And.NotContain(DemoUsers.Password);
        new PasswordHasher<UserAccount>().VerifyHashedPassword(user, user.PasswordHash, DemoUsers.Password)
            .Should().NotBe(PasswordVerificationResult.Failed);
        new PasswordHasher<UserAccount>().VerifyHashedPassword(user, user.PasswordHash, "Demo123?")
            .Should().Be(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task CookieSignIn_AuthenticatesMe_UntilSignOut()
    {
        using var browser = _factory.CreateClient();

        var signIn = await browser.PostAsJsonAsync("/api/auth/sign-in", new { userName = "clerk.market", password = DemoUsers.Password });

        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
        (await HttpJson.BodyAsync(signIn))["role"]!.GetValue<string>().Should().Be("WindowClerk");
        var me = await HttpJson.BodyAsync(await browser.GetAsync("/api/auth/me"));
        me["userName"]!.GetValue<string>().Should().Be("clerk.market");
        me["department"]!.GetValue<string>().Should().Be("market");

        var forbidden = await browser.GetAsync("/api/workflow-definitions/fork-join-sample");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a cookie on an API path gets a status, not a redirect");
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        (await browser.PostAsync("/api/auth/sign-out", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await browser.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_IsAudited_OnSuccessAndFailure()
    {
        await Anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor", password = DemoUsers.Password });
        await Anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = "mallory", password = "guess" });

        await using var db = await Db();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.SignedIn || e.Action == AuditActions.SignInFailed).ToListAsync();
        events.Should().HaveCount(2);
        var success = events.Single(e => e.Action == "SignedIn");
        success.Actor.Should().Be("supervisor");
        success.At.Should().Be(_factory.Clock.GetCurrentInstant());
        success.Details.Should().Contain("token");
        var failure = events.Single(e => e.Action == "SignInFailed");
        failure.Actor.Should().Be("anonymous");
        failure.Subject.Should().Be("mallory");
        failure.Details.Should().Contain("cookie");
    }

    [Fact]
    public async Task DemoUsers_AreSeededOnce_WithTheirRolesAndDepartments()
    {
        await using var db = await Db();
        var stored = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName);

        stored.Should().HaveCount(DemoUsers.All.Count);
        DemoUsers.All.Should().HaveCount(3 + 14 * 2 + 4 + 1); // issue 10: membership — + reviewer.bureau (ADR 0011)
        foreach (var demo in DemoUsers.All)
        {
            stored[demo.UserName].Role.Should().Be(demo.Role);
            stored[demo.UserName].DepartmentCode.Should().Be(demo.Department);
            stored[demo.UserName].IsActive.Should().BeTrue();
        }

        stored["clerk.drc"].Role.Should().Be(Role.WindowClerk);
        stored["head.airdefence"].DepartmentCode.Should().Be("airdefence");
        await Deactivate("reviewer.tax");
        await _factory.Services.SeedDemoUsersAsync(CancellationToken.None);
        (await db.Users.CountAsync()).Should().Be(DemoUsers.All.Count);
        (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "reviewer.tax")).IsActive.Should().BeFalse("a non-empty table is left alone");
    }

    [Fact]
    public async Task Policies_AllowTheDocumentedRoles()
    {
        // The table of Policies' documentation (Hosting/CurrentUser.cs) and docs/api.md.
        var expected = new Dictionary<string, Role[]>
        {
            [Policies.Administration] = [Role.Administrator],
            [Policies.Design] = [Role.Designer, Role.Administrator],
            [Policies.Window] = [Role.WindowClerk],
            [Policies.Inbox] = [Role.WindowClerk, Role.Reviewer, Role.DepartmentHead],
            [Policies.Staff] = Enum.GetValues<Role>(),
            [Policies.Supervision] = [Role.Supervisor, Role.Administrator, Role.DepartmentHead],
        };
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();

        foreach (var (policy, roles) in expected)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var user = new ClaimsPrincipal(new ClaimsIdentity(new OneStop.Workflows.Application.Actor("someone", role, "fire").ToClaims(), "Test"));
                (await authorization.AuthorizeAsync(user, policy)).Succeeded.Should().Be(roles.Contains(role), $"{policy} for {role}");
            }

            (await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), policy)).Succeeded.Should().BeFalse($"{policy} when anonymous");
        }
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheBearerScheme_OnProtectedRoutesOnly()
    {
        var document = await HttpJson.BodyAsync(await Anonymous.GetAsync("/openapi/v1.json"));

        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["paths"]!["/api/workflow-definitions"]!["post"]!["security"].Should().NotBeNull();
        document["paths"]!["/api/auth/me"]!["get"]!["security"].Should().NotBeNull();
        document["paths"]!["/api/auth/token"]!["post"]!["security"].Should().BeNull();
    }

    private async Task<OneStopDbContext> Db() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();

    private async Task Deactivate(string userName)
    {
        await using var db = await Db();
        (await db.Users.SingleAsync(u => u.UserName == userName)).Deactivate();
        await db.SaveChangesAsync();
    }

    private static async Task<JsonObject> ProblemWithoutTraceId(HttpResponseMessage response)
    {
        var problem = await HttpJson.BodyAsync(response);
        problem.Remove("traceId");
        return problem;
    }
}
