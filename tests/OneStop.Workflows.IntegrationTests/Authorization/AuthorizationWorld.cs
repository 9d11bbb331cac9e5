using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.IntegrationTests.Authorization;

/// <summary>
/// The cases the matrix runs against, the values its &lt;tokens&gt; stand for, and one client per caller. Clients keep no
/// cookies, so a sign-in row cannot turn the anonymous caller into a signed-in one for the rows after it.
/// </summary>
public sealed partial class AuthorizationWorld : IDisposable
{
    private readonly Dictionary<string, string> _tokens;
    private readonly Dictionary<string, HttpClient> _clients;

    private AuthorizationWorld(Dictionary<string, string> tokens, Dictionary<string, HttpClient> clients)
    {
        _tokens = tokens;
        _clients = clients;
    }

    /// <summary>
    /// restaurant-opening accepted (open reviews of market, fire, urban, water); food-business-licence just submitted (open acceptance of
    /// market); investment-project-approval accepted by drc (open reviews of resources, ecology, industry).
    /// </summary>
    public static async Task<AuthorizationWorld> BuildAsync(OneStopApiFactory factory, CaseDriver driver)
    {
        var restaurant = await driver.SubmitAsync("clerk.market", "restaurant-opening");
        await AcceptAsync(driver, "clerk.market", restaurant.Id);
        var food = await driver.SubmitAsync("clerk.market", "food-business-licence");
        var investment = await driver.SubmitAsync("clerk.drc", "investment-project-approval");
        await AcceptAsync(driver, "clerk.drc", investment.Id);

        var reviews = await driver.TasksAsync(restaurant.Id, "Review");
        string ReviewOf(string department) =>
            reviews.SingleOrDefault(t => t["department"]!.GetValue<string>() == department)?["id"]!.GetValue<string>()
            ?? throw new InvalidOperationException($"The restaurant case has no open review task of {department}.");

        var tokens = new Dictionary<string, string>
        {
            ["restaurant"] = restaurant.Id,
            ["restaurantNumber"] = restaurant.Number,
            ["restaurantPassword"] = restaurant.Password,
            ["restaurantInstance"] = (await driver.CaseAsync(restaurant.Id))["instanceId"]!.GetValue<string>(),
            ["food"] = food.Id,
            ["foodPassword"] = food.Password,
            ["investment"] = investment.Id,
            ["fireReview"] = ReviewOf("fire"),
            ["marketReview"] = ReviewOf("market"),
            ["foodAcceptance"] = (await driver.TasksAsync(food.Id, "Acceptance")).Single()["id"]!.GetValue<string>(),
            ["unknownBookmark"] = Guid.NewGuid().ToString("N"),
            ["unknownSuspension"] = Guid.NewGuid().ToString(),
            ["unknownAlert"] = Guid.NewGuid().ToString(),
        };

        var clients = new Dictionary<string, HttpClient>();
        try
        {
            foreach (var caller in AuthorizationMatrix.Callers)
            {
                var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
                clients[caller] = client;
                if (caller != "anonymous")
                {
                    var token = await IssueTokenAsync(client, caller);
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
                }
            }

            // A refresh token of a user outside the table, so its single use cannot revoke a caller's token.
            tokens["refreshToken"] = (await IssueTokenAsync(clients["anonymous"], "head.water"))["refreshToken"]!.GetValue<string>();
        }
        catch
        {
            clients.Values.ToList().ForEach(c => c.Dispose());
            throw;
        }

        return new AuthorizationWorld(tokens, clients);
    }

    public HttpClient ClientOf(string caller) => _clients[caller];

    /// <summary>Replaces each &lt;token&gt; by its value; an unknown token is a mistake in the matrix.</summary>
    public string Resolve(string text) =>
        TokenPattern().Replace(text, m => _tokens.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Unknown matrix token <{m.Groups[1].Value}> in '{text}'."));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static async Task AcceptAsync(CaseDriver driver, string clerk, string caseId)
    {
        var acceptance = (await driver.TasksAsync(caseId, "Acceptance")).Single();
        await driver.DecideOkAsync(clerk, acceptance["id"]!.GetValue<string>(), "Accepted", "Materials complete 材料齐全");
    }

    private static async Task<JsonObject> IssueTokenAsync(HttpClient client, string userName)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password });
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!.AsObject()
            : throw new InvalidOperationException($"Signing in as '{userName}' failed: {(int)response.StatusCode} {body}");
    }

    [GeneratedRegex("<([A-Za-z]+)>")]
    private static partial Regex TokenPattern();
}
