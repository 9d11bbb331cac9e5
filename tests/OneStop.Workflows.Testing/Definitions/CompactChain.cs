using System.Text;

namespace OneStop.Workflows.Testing.Definitions;

/// <summary>
/// A large definition in as few bytes as the reader accepts: Start → Elsa.WriteLine × (n − 2) → End with short ids, no
/// designer metadata and Elsa's flat connection form, so that 10,000 activities stay under the 1 MiB body limit.
/// </summary>
public static class CompactChain
{
    public static string Build(string definitionId, int activities)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activities, 2);
        var json = new StringBuilder(activities * 90);
        json.Append("{\"definitionId\":\"").Append(definitionId).Append("\",\"root\":{\"type\":\"Elsa.Flowchart\",\"id\":\"root\",\"nodeId\":\"r\",\"activities\":[");
        for (var i = 0; i < activities; i++)
        {
            var type = i == 0 ? "Elsa.Start" : i == activities - 1 ? "Elsa.End" : "Elsa.WriteLine";
            json.Append(i == 0 ? "" : ",").Append("{\"id\":\"a").Append(i).Append("\",\"nodeId\":\"a").Append(i).Append("\",\"type\":\"").Append(type).Append("\"}");
        }

        json.Append("],\"connections\":[");
        for (var i = 1; i < activities; i++)
        {
            json.Append(i == 1 ? "" : ",").Append("{\"source\":\"a").Append(i - 1).Append("\",\"target\":\"a").Append(i).Append("\"}");
        }

        return json.Append("]}}").ToString();
    }
}
