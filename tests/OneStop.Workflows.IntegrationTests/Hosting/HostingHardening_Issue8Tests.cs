using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Supervision;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Server.Features.Instances;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>
/// Issue 8 findings 11, 12, 14 and 18(d) on the embedded default (SQLite): no redirect loop, instants as ISO 8601 text
/// in the instance read, standard response hardening behind a TLS reverse proxy, the auth scheme case-insensitive.
/// </summary>
public sealed partial class HostingHardening_Issue8Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-hosting-").FullName;

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Theory]
    [InlineData("/sign-in/no-such-step")] // was /sign-in, which is the web UI's sign-in page since issue 10
    [InlineData("/no/such/page")]
    [InlineData("/favicon.ico")]
    [InlineData("/api/no-such-route")]
    public async Task UnknownPath_Answers404_NeverARedirect(string path)
    {
        await using var factory = Sqlite("unknown");
        using var anonymous = factory.CreateClient(NoRedirects);

        var response = await anonymous.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.Location.Should().BeNull();
    }

    [Theory]
    [InlineData("POST", "/api/auth/token", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("POST", "/api/auth/sign-in", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("GET", "/api/auth/token", null, HttpStatusCode.MethodNotAllowed)]
    public async Task RoutingRejection_OfAnAnonymousRoute_IsNotAChallenge(string method, string path, string? contentType, HttpStatusCode expected)
    {
        await using var factory = Sqlite("rejections");
        using var anonymous = factory.CreateClient(NoRedirects);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent("userName=x", Encoding.UTF8, contentType);
        }

        var response = await anonymous.SendAsync(request);

        response.StatusCode.Should().Be(expected, "a wrong Content-Type or method is not a missing sign-in");
    }

    [Fact]
    public async Task ProtectedNonApiPath_Answers401ProblemDetails_NeverARedirect()
    {
        await using var factory = Sqlite("protected");
        using var anonymous = factory.CreateClient(NoRedirects);

        var response = await anonymous.GetAsync("/hubs/alerts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task GetInstance_WritesJournalInstants_AsIso8601Text()
    {
        await using var factory = Sqlite("instants");
        using var designer = await factory.CreateClientAsAsync("designer");
        var started = await CaseDriver.Json(await designer.PostAsync("/api/workflow-definitions/fork-join-sample/instances", null), HttpStatusCode.Created);

        var text = await (await designer.GetAsync($"/api/workflow-instances/{started["instanceId"]!.GetValue<string>()}")).Content.ReadAsStringAsync();

        text.Should().NotContain("\"at\":{}", "no instant is written as an empty object");
        var instance = JsonNode.Parse(text)!.AsObject();
        var journal = instance["journal"]!.AsArray();
        journal.Should().NotBeEmpty();
        journal.Select(e => e!["at"]!.GetValue<string>()).Should().OnlyContain(at => at == "2025-09-26T01:00:00Z", "the fake clock's instant, as ISO 8601 UTC");
        instance["createdAt"]!.GetValue<string>().Should().Be("2025-09-26T01:00:00Z", "one form in the whole response");
    }

    [Fact]
    public async Task GetInstance_WritesIncidentInstants_AsIso8601Text_WithTheServersSerializer()
    {
        await using var factory = Sqlite("incidents");
        var json = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var at = NodaTime.Instant.FromUtc(2025, 9, 26, 1, 2, 3) + NodaTime.Duration.FromMilliseconds(450);
        var response = new GetInstance.Response("i", "d", 1, "v", "Faulted", at.ToString(), at.ToString(), [],
            [GetInstance.IncidentView.From(new Incident("a", "Elsa.Event", "boom", at))],
            [GetInstance.JournalEntryView.From(new JournalEntry(1, at, JournalEvents.Faulted, "a", "Elsa.Event", Message: "boom"))]);

        var text = System.Text.Json.JsonSerializer.Serialize(response, json);

        text.Should().Contain("\"incidents\":[{\"activityId\":\"a\",\"activityType\":\"Elsa.Event\",\"message\":\"boom\",\"at\":\"2025-09-26T01:02:03Z\"}]");
        text.Should().Contain("\"journal\":[{\"sequence\":1,\"at\":\"2025-09-26T01:02:03Z\"");
        IsoInstant().IsMatch(JsonNode.Parse(text)!["incidents"]![0]!["at"]!.GetValue<string>()).Should().BeTrue();
    }

    [Fact]
    public async Task ApiResponses_CarryTheHardeningHeaders_AndNoStore_AndNoServerHeader()
    {
        await using var factory = Sqlite("headers");
        var driver = new CaseDriver(factory);
        await using var _ = driver;
        var (caseId, _, _) = await driver.SubmitAsync("clerk.market", "food-business-licence");
        using var anonymous = factory.CreateClient();

        foreach (var response in new[]
                 {
                     await (await driver.As("supervisor")).GetAsync($"/api/cases/{caseId}"), // the unmasked case read
                     await (await driver.As("supervisor")).GetAsync("/api/auth/me"),
                     await anonymous.GetAsync("/api/auth/me"), // a 401 too
                 })
        {
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
            response.Headers.GetValues("Content-Security-Policy").Should().Equal("frame-ancestors 'none'");
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.Contains("Server").Should().BeFalse();
        }

        (await anonymous.GetAsync("/health")).Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader
            .Should().BeFalse("Kestrel sends no 'Server: Kestrel'");
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", null, true)]
    [InlineData("10.0.0.5", null, "10.0.0.0/8", true)]
    [InlineData("203.0.113.9", "10.0.0.5", null, false)] // not a known proxy: its X-Forwarded-Proto is not believed
    [InlineData("10.0.0.5", null, null, false)] // no proxy configured: no forwarded header is believed
    public async Task SignInCookie_IsSecure_ExactlyWhenAKnownProxyForwardsHttps(string remote, string? proxy, string? network, bool secure)
    {
        var settings = new Dictionary<string, string?>();
        if (proxy is not null)
        {
            settings["ReverseProxy:KnownProxies:0"] = proxy;
        }

        if (network is not null)
        {
            settings["ReverseProxy:KnownNetworks:0"] = network;
        }

        await using var factory = Sqlite("proxy", settings);
        await using var behindProxy = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote)))));
        using var client = behindProxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new { userName = "clerk.market", password = DemoUsers.Password }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal));
        cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase).Should().Be(secure, cookie);
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
    }

    [Fact]
    public void ReverseProxy_RefusesAnEntryThatIsNoAddress()
    {
        var start = () => Sqlite("bad-proxy", new Dictionary<string, string?> { ["ReverseProxy:KnownNetworks:0"] = "everyone" }).CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("ReverseProxy:KnownNetworks: 'everyone'*CIDR*");
    }

    [Fact]
    public async Task HangfireDashboardPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        await using var factory = Sqlite("dashboard", HangfireHostingTests.SupervisionOn);
        using var admin = await factory.CreateClientAsAsync("admin");
        var page = await admin.GetStringAsync("/hangfire/jobs/enqueued");
        var header = MetaContent().Match(page) is { Success: true } h ? h.Groups["header"].Value : throw new InvalidOperationException("no csrf-header on the page");
        var token = MetaToken().Match(page).Groups["token"].Value;
        HttpContent Form() => new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "no-such-job")]);

        var without = await admin.PostAsync("/hangfire/jobs/enqueued/delete", Form());
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/enqueued/delete") { Content = Form() };
        withToken.Headers.Add(header, token);
        var with = await admin.SendAsync(withToken);

        without.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        with.StatusCode.Should().NotBe(HttpStatusCode.Forbidden, "the page's own token is accepted");
        with.IsSuccessStatusCode.Should().BeTrue();
        using var anonymous = factory.CreateClient(NoRedirects);
        (await anonymous.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no redirect to a sign-in page that does not exist");
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task BearerScheme_IsCaseInsensitive(string scheme)
    {
        await using var factory = Sqlite("scheme");
        using var client = factory.CreateClient();
        var issued = await CaseDriver.Json(await client.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor", password = DemoUsers.Password }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {issued["accessToken"]!.GetValue<string>()}").Should().BeTrue();

        var me = await CaseDriver.Json(await client.GetAsync("/api/auth/me"), HttpStatusCode.OK);

        me["userName"]!.GetValue<string>().Should().Be("supervisor");
    }

    [Theory]
    [InlineData("2026-12-20", 20, "CalendarDays", "2027-01-11", true)] // 2027-01-09 (no data: a Saturday) → Monday
    [InlineData("2026-12-01", 30, "CalendarDays", "2026-12-31", false)] // ends on a working day of a year with data
    [InlineData("2027-03-01", 10, "CalendarDays", "2027-03-11", true)]
    [InlineData("2026-12-20", 20, "WorkingDays", "2027-01-15", true)]
    public async Task PreviewDeadline_IsProvisional_WhenItReachesAYearWithoutData(string start, int budget, string unit, string due, bool provisional)
    {
        await using var factory = Sqlite("provisional");
        using var clerk = await factory.CreateClientAsAsync("clerk.market");

        var deadline = await CaseDriver.Json(await clerk.PostAsJsonAsync("/api/calendar/deadline", new { start, budget, unit }), HttpStatusCode.OK);

        deadline["due"]!.GetValue<string>().Should().Be(due);
        deadline["provisional"]!.GetValue<bool>().Should().Be(provisional);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private OneStopApiFactory Sqlite(string name, IReadOnlyDictionary<string, string?>? settings = null) =>
        new("Sqlite", $"Data Source={Path.Combine(_folder, name + ".db")}", settings);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex IsoInstant();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"(?<header>[^\"]+)\"")]
    private static partial Regex MetaContent();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"(?<token>[^\"]+)\"")]
    private static partial Regex MetaToken();

    /// <summary>Makes every request come from <paramref name="address"/>, as from a proxy in front of the server.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                context.Connection.RemoteIpAddress = address;
                return inner(context);
            });
            next(app);
        };
    }
}
