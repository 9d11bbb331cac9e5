using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OneStop.Workflows.IntegrationTests.Authorization;

/// <summary>
/// Every route of the API × every kind of caller (see <see cref="AuthorizationMatrix"/>): who is let through, and who gets
/// 401, 403 or 404. One server and one set of cases serve the whole table; every mismatch is reported at once.
/// </summary>
public sealed class AuthorizationMatrixTests(PostgresServerFixture postgres, ITestOutputHelper output) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task EveryRouteAndCaller_GetsTheExpectedStatus()
    {
        using var world = await AuthorizationWorld.BuildAsync(Factory, Driver);
        var failures = new List<string>();
        output.WriteLine($"{"route",-90} {string.Join(' ', AuthorizationMatrix.Callers.Select(Column))}");
        foreach (var row in AuthorizationMatrix.Rows)
        {
            var actual = new List<string>();
            for (var i = 0; i < AuthorizationMatrix.Callers.Count; i++)
            {
                var caller = AuthorizationMatrix.Callers[i];
                var expected = row.Expected[i];
                var (status, body) = await SendAsync(world, row, caller);
                actual.Add(Column(status.ToString()));
                if (!Matches(expected, status))
                {
                    failures.Add($"{row.Method} {row.Route} [{row.Note}] as {caller}: expected {Describe(expected)}, got {status} — {Shorten(body)}");
                }
            }

            output.WriteLine($"{row,-90} {string.Join(' ', actual)}");
        }

        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} of {AuthorizationMatrix.Rows.Count * AuthorizationMatrix.Callers.Count} route × caller checks got an unexpected status:\n"
                + string.Join('\n', failures));
        }
    }

    [Fact]
    public void EveryRoute_IsCoveredByTheMatrix()
    {
        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (Method: method, Route: "/" + (e.RoutePattern.RawText ?? e.DisplayName ?? "?").TrimStart('/'))))
            .Distinct()
            .Where(m => !Ui.UiPlumbing.Is(m.Route))
            .ToList();
        var rows = AuthorizationMatrix.Rows.Select(r => (r.Method, r.Route)).Distinct().ToList();

        // A mapped route without HTTP method metadata (the health checks) answers every method: any row of its pattern covers it.
        var missing = mapped.Where(m => !rows.Any(r => Same(r.Route, m.Route) && (m.Method == "*" || r.Method == m.Method))).ToList();
        var stale = rows.Where(r => !mapped.Any(m => Same(m.Route, r.Route) && (m.Method == "*" || m.Method == r.Method))).ToList();

        mapped.Should().NotBeEmpty();
        missing.Should().BeEmpty("every mapped route needs a row in AuthorizationMatrix.Rows; missing: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Route}")));
        stale.Should().BeEmpty("every matrix row must name a mapped route; unknown: " + string.Join(", ", stale.Select(r => $"{r.Method} {r.Route}")));
    }

    private static async Task<(int Status, string Body)> SendAsync(AuthorizationWorld world, MatrixRow row, string caller)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), world.Resolve(row.Url));
        if (row.Body is not null)
        {
            request.Content = new StringContent(world.Resolve(row.Body), Encoding.UTF8, "application/json");
        }

        using var response = await world.ClientOf(caller).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // Outside /api the cookie scheme challenges with a redirect to the sign-in page: that is the 401 of a page.
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/sign-in", StringComparison.Ordinal) == true
            ? (StatusCodes.Status401Unauthorized, $"redirect to {response.Headers.Location}")
            : ((int)response.StatusCode, body);
    }

    private static bool Matches(Expect expected, int status) => expected switch
    {
        Expect.Ok => status is not (401 or 403 or 404) && status < 500,
        Expect.U401 => status == 401,
        Expect.F403 => status == 403,
        Expect.N404 => status == 404,
        _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, null),
    };

    private static string Describe(Expect expected) => expected switch
    {
        Expect.Ok => "allowed (not 401/403/404/5xx)",
        Expect.U401 => "401",
        Expect.F403 => "403",
        _ => "404",
    };

    /// <summary>Route patterns compare case-insensitively, as routing matches them.</summary>
    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Column(string text) => text.PadLeft(15);

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
