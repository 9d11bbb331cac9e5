using System.Text.Json.Nodes;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Clocks;

/// <summary>A case's clock as the clock routes show it (tests read clocks through the API).</summary>
public static class ClockJson
{
    /// <summary>The clock of kind <c>Case</c> in <paramref name="answer"/>[<paramref name="list"/>]: <c>clocks</c> in a command's answer, <c>items</c> in <c>GET …/clocks</c>.</summary>
    public static JsonObject CaseClock(JsonObject answer, string list = "clocks") =>
        answer[list]!.AsArray().OfType<JsonObject>().Single(c => c["kind"]!.GetValue<string>() == "Case");

    /// <summary><c>GET /api/cases/{id}/clocks</c> as <paramref name="client"/>; the case clock.</summary>
    public static async Task<JsonObject> CaseClockAsync(HttpClient client, string caseId) =>
        CaseClock(await HttpJson.GetAsync(client, $"/api/cases/{caseId}/clocks"), "items");
}
