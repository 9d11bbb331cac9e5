using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>One bad request: what it tries, the URL, and the raw JSON body (null: none).</summary>
public sealed record BadRequest(string What, string Url, string? Body);

/// <summary>
/// The families of bad input of issue 8's acceptance line 1, generated for a <see cref="BadInputRow"/>: control characters, bidi
/// overrides and overlong values in the query string and in each route value; malformed paging, days and years; and, for a body,
/// malformed JSON and wrong top-level types, then one defect at a time in the base body — control characters, an unpaired
/// surrogate, a bidi override or an overlong text in each string; extreme or fractional numbers; extreme dates and instants; a
/// null element, an overlong array and wrong JSON types for each value. Only the first element of an array is mutated.
/// </summary>
public static partial class BadInputFamilies
{
    private const string Surrogate = "__raw_surrogate__";
    private const string Huge = "__raw_huge__";

    public static IEnumerable<BadRequest> For(BadInputRow row, string url, string? body)
    {
        foreach (var (what, query) in UniversalQueries())
        {
            yield return new($"query {what}", WithQuery(url, query), null);
        }

        foreach (var (what, bad) in RouteValues(row.Route, url))
        {
            yield return new($"route value {what}", bad, null);
        }

        if (row.Reads.HasFlag(Reads.Paging))
        {
            foreach (var query in new[] { "page=-1", "page=2147483647", "page=100001", "page=1.5", "page=abc", "pageSize=0", "pageSize=201", "pageSize=-5",
                         "pageSize=abc", "pageSize=2147483648", "page=99999999999999999999" })
            {
                yield return new($"paging {query}", WithQuery(url, query), null);
            }
        }

        if (row.Reads.HasFlag(Reads.DateQuery))
        {
            foreach (var query in new[] { "from=0001-01-01&to=2025-12-31", "from=2025-01-01&to=9999-12-31", "from=1989-12-31&to=2025-12-31",
                         "from=2025-01-01&to=2200-01-01", "from=2025-02-30&to=2025-12-31", "from=abc&to=2025-12-31", "from=2025-12-31&to=2025-01-01" })
            {
                yield return new($"days {query}", WithQuery(url, query), null);
            }
        }

        if (row.Reads.HasFlag(Reads.YearRoute))
        {
            foreach (var year in new[] { "0", "-1", "1989", "2200", "9999", "2147483647", "99999999999" })
            {
                yield return new($"year {year}", YearPattern().Replace(url, $"/calendar/{year}", 1), body);
            }
        }

        if (row.TypedQuery is { } name)
        {
            foreach (var value in new[] { "abc", "99999999999999999999", "1e400", "%00", "-0x1" })
            {
                yield return new($"typed query {name}={value}", WithQuery(url, $"{name}={value}"), body);
            }
        }

        if (body is null)
        {
            yield break;
        }

        foreach (var (what, text) in WholeBodies(body))
        {
            yield return new($"body {what}", url, text);
        }

        foreach (var (what, mutated) in Mutations(JsonNode.Parse(body)!))
        {
            yield return new($"body {what}", url, Raw(mutated.ToJsonString()));
        }
    }

    private static IEnumerable<(string, string)> UniversalQueries() =>
    [
        ("NUL", "q=bad%00value"),
        ("ESC", "q=bad%1Bvalue"),
        ("line break", "q=bad%0Avalue"),
        ("bidi override", "q=%E2%80%AEbad"),
        ("bidi isolate", "q=%E2%81%A6bad"),
        ("NUL in a name", "bad%00name=1"),
        ("overlong value", "q=" + new string('x', 5000)),
    ];

    /// <summary>Each route value of the URL (a segment where the pattern has a parameter) replaced by bad values.</summary>
    private static IEnumerable<(string, string)> RouteValues(string route, string url)
    {
        var path = url.Split('?')[0];
        var query = url.Contains('?') ? url[url.IndexOf('?')..] : "";
        var patternSegments = route.Split('/');
        var segments = path.Split('/');
        if (patternSegments.Length != segments.Length)
        {
            yield break;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (!(patternSegments[i].StartsWith('{') && patternSegments[i].EndsWith('}')))
            {
                continue;
            }

            foreach (var (what, value) in new[]
                     {
                         // A NUL in the path never reaches the application: Kestrel refuses it (400) and the test host throws.
                         ("ESC", "bad%1Bid"), ("DEL", "bad%7Fid"), ("line break", "bad%0Aid"), ("bidi override", "%E2%80%AEbad"), ("overlong", new string('a', 300)),
                         ("huge number", "99999999999999999999"),
                     })
            {
                var copy = (string[])segments.Clone();
                copy[i] = value;
                yield return ($"{patternSegments[i]} {what}", string.Join('/', copy) + query);
            }
        }
    }

    private static IEnumerable<(string, string)> WholeBodies(string body) =>
    [
        ("empty", ""),
        ("truncated JSON", body[..(body.Length / 2)]),
        ("trailing garbage", body + "}"),
        ("an array", "[]"),
        ("a string", "\"text\""),
        ("a number", "42"),
        ("null", "null"),
        ("raw control character", body.Insert(body.IndexOf(':') + 2, "\u0001")),
        ("a null element elsewhere", body.Insert(1, "\"extra\":[null],")),
        ("NUL in a property name", body.Insert(1, "\"bad\\u0000name\":1,")),
        ("too deep", new string('[', 70) + new string(']', 70)),
    ];

    /// <summary>One defect at a time: each value of the base body (first elements of arrays only) replaced by bad values.</summary>
    private static IEnumerable<(string, JsonNode)> Mutations(JsonNode root)
    {
        foreach (var (path, node) in Walk(root, []))
        {
            var freeForm = path.Count > 0 && path[0] is "form" or "input";
            var where = Describe(path);
            foreach (var (what, replacement) in Replacements(node, freeForm))
            {
                var copy = root.DeepClone();
                Replace(copy, path, replacement);
                yield return ($"{where}: {what}", copy);
            }
        }
    }

    private static IEnumerable<(string, JsonNode?)> Replacements(JsonNode node, bool freeForm)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return ("NUL", "bad\u0000text");
                yield return ("ESC", "bad\u001Btext");
                yield return ("unpaired surrogate", Surrogate);
                yield return ("bidi override", "\u202Ebad");
                yield return ("overlong", new string('x', 10_001));
                if (DatePattern().IsMatch(text))
                {
                    foreach (var day in new[] { "9999-12-31", "0001-01-01", "1989-12-31", "2200-01-01", "2025-02-30" })
                    {
                        yield return ($"day {day}", day);
                    }
                }

                if (text.Length > 10 && text[10] == 'T' && DatePattern().IsMatch(text[..10]))
                {
                    foreach (var instant in new[] { "9999-12-31T23:59:59+08:00", "0001-01-01T00:00:00Z", "2200-01-01T00:00:00+08:00" })
                    {
                        yield return ($"instant {instant}", instant);
                    }
                }

                if (!freeForm)
                {
                    yield return ("a number instead", 42);
                    yield return ("an object instead", new JsonObject());
                    yield return ("an array instead", new JsonArray());
                }

                break;
            case JsonValue value when !freeForm && (value.TryGetValue<int>(out _) || value.TryGetValue<long>(out _) || value.TryGetValue<double>(out _)):
                yield return ("2^31", 2147483648L);
                yield return ("-2^31-1", -2147483649L);
                yield return ("int.MaxValue", int.MaxValue);
                yield return ("1e400", Huge);
                yield return ("fraction", 1.5);
                yield return ("a string instead", "12");
                break;
            case JsonValue value when !freeForm && value.TryGetValue<bool>(out _):
                yield return ("a string instead", "true");
                yield return ("a number instead", 1);
                break;
            case JsonArray array:
                yield return ("a null element", new JsonArray((JsonNode?)null));
                if (array.Count > 0)
                {
                    yield return ("101 elements", new JsonArray(Enumerable.Range(0, 101).Select(_ => array[0]?.DeepClone()).ToArray()));
                }

                if (!freeForm)
                {
                    yield return ("a string instead", "text");
                }

                break;
            case JsonObject:
                if (!freeForm)
                {
                    yield return ("a string instead", "text");
                    yield return ("an array instead", new JsonArray());
                }

                break;
        }
    }

    /// <summary>Every value under <paramref name="node"/> with its path (property names and indices); arrays only down their first element.</summary>
    private static IEnumerable<(List<object> Path, JsonNode Node)> Walk(JsonNode node, List<object> path)
    {
        if (path.Count > 0)
        {
            yield return (path, node);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is not null)
                    {
                        foreach (var inner in Walk(child, [.. path, name]))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray { Count: > 0 } array when array[0] is { } first:
                foreach (var inner in Walk(first, [.. path, 0]))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? replacement)
    {
        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            parent = path[i] is string name ? parent[name]! : parent[(int)path[i]]!;
        }

        switch (path[^1])
        {
            case string name:
                parent.AsObject()[name] = replacement;
                break;
            case int index:
                parent.AsArray()[index] = replacement;
                break;
        }
    }

    private static string Describe(List<object> path) =>
        string.Concat(path.Select((p, i) => p is int index ? $"[{index}]" : i == 0 ? (string)p : $".{p}"));

    /// <summary>The placeholders as raw JSON: a lone high surrogate escape and a number beyond double.</summary>
    private static string Raw(string json) =>
        json.Replace($"\"{Surrogate}\"", "\"\\ud800bad\"", StringComparison.Ordinal).Replace($"\"{Huge}\"", "1e400", StringComparison.Ordinal);

    private static string WithQuery(string url, string query) => url + (url.Contains('?') ? "&" : "?") + query;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"/calendar/\d+")]
    private static partial Regex YearPattern();
}
