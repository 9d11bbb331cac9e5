using System.Text;
using System.Text.Json;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>What kind of body is checked: a command's body (caps apply) or a workflow definition (its own caps; scripts span lines).</summary>
public enum BodyKind
{
    Command,
    Definition,
}

/// <summary>
/// The rules every JSON request body meets before any route reads it (docs/api.md "Input rules"), checked in one pass over the
/// text: no <c>null</c> array element; every string (values and property names) passes <see cref="InputText"/>; strings and arrays
/// within their field's cap (<see cref="MaxLength"/>, <see cref="MaxItems"/>). Problems are keyed by the JSON field
/// (<c>materials[0]</c>, <c>applicant.idNumber</c>), every one at once.
/// </summary>
public static class JsonBodyRules
{
    /// <summary>The cap of a string whose field is not in <see cref="MaxLength"/>: codes, ids, enum names, dates, short names.</summary>
    public const int DefaultMaxLength = 200;

    /// <summary>The cap of a string anywhere inside the free-form objects <c>form</c> (an application) and <c>input</c> (a bookmark's input).</summary>
    public const int FormValueMaxLength = 2000;

    /// <summary>The cap of an array whose field is not in <see cref="MaxItems"/>.</summary>
    public const int DefaultMaxItems = 100;

    /// <summary>Reporting stops after this many problems.</summary>
    private const int MaxProblems = 20;

    /// <summary>Fields (array indices written <c>[]</c>) whose strings may be longer than <see cref="DefaultMaxLength"/> or must be shorter.</summary>
    public static IReadOnlyDictionary<string, int> MaxLength { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["applicant.name"] = 100,
        ["applicant.phone"] = 20,
        ["materials[].name"] = 200,
        ["materials[].note"] = 1000,
        ["deliveryAddress"] = 300,
        ["trackingNumber"] = 100,
        ["opinion"] = 4000,
        ["corrections[].material"] = 200,
        ["corrections[].problem"] = 1000,
        ["reason"] = 1000,
        ["notice"] = 2000,
        ["localType"] = 100,
        ["source"] = 200,
        ["region"] = 100,
        ["restDays[].name"] = 100,
        ["userName"] = 100,
        ["password"] = 200,
        ["refreshToken"] = 4000,
        ["idempotencyKey"] = 200,
        ["flowProblems[].message"] = 2000, // issue 11: a service item read back as its PUT body carries its flow problems (ignored)
    };

    /// <summary>Arrays with a cap other than <see cref="DefaultMaxItems"/>.</summary>
    public static IReadOnlyDictionary<string, int> MaxItems { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["materials"] = 100,
        ["corrections"] = 100,
        ["restDays"] = 100,
        ["makeUpWorkingDays"] = 100,
        ["suspensions"] = 100,
    };

    /// <summary>Free-text fields: tab, CR and LF allowed (besides everything inside <c>form</c> and <c>input</c>).</summary>
    public static IReadOnlySet<string> FreeText { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "materials[].note", "deliveryAddress", "opinion", "corrections[].problem", "reason", "notice", "source",
    };

    /// <summary>
    /// The problems of <paramref name="json"/> (field → messages), or null when there are none. Malformed JSON has no fields: then
    /// <paramref name="malformed"/> says where it breaks and the answer is null.
    /// </summary>
    public static Dictionary<string, string[]>? Check(string json, BodyKind kind, out string? malformed)
    {
        malformed = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 64 });
        var frames = new List<Frame>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read() && errors.Count < MaxProblems)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = ReadString(ref reader, out var nameProblem);
                        nameProblem ??= InputText.Problem(pendingProperty, freeText: false);
                        if (nameProblem is not null || pendingProperty!.Length > DefaultMaxLength)
                        {
                            var where = Join(frames, InputText.Quote(pendingProperty ?? "?")).Display;
                            errors[where] = [nameProblem is null ? $"A property name of at most {DefaultMaxLength} characters." : $"The property name {nameProblem}"];
                        }

                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var (display, pattern) = Here(frames, pendingProperty);
                        Advance(frames, kind, errors);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, display, pattern));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        CheckString(ref reader, frames, pendingProperty, kind, errors);
                        Advance(frames, kind, errors);
                        break;
                    case JsonTokenType.Null:
                        if (frames.Count > 0 && frames[^1].IsArray)
                        {
                            errors[Here(frames, null).Display] = ["Must not be null: leave the element out instead."];
                        }

                        Advance(frames, kind, errors);
                        break;
                    default:
                        Advance(frames, kind, errors);
                        break;
                }

                pendingProperty = null;
            }
        }
        catch (JsonException ex)
        {
            malformed = $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
            return null;
        }

        return errors.Count == 0 ? null : errors;
    }

    private static void CheckString(ref Utf8JsonReader reader, List<Frame> frames, string? property, BodyKind kind, Dictionary<string, string[]> errors)
    {
        var (display, pattern) = Here(frames, property);
        var text = ReadString(ref reader, out var problem);
        var insideFreeForm = pattern.StartsWith("form.", StringComparison.Ordinal) || pattern.StartsWith("form[", StringComparison.Ordinal)
            || pattern.StartsWith("input.", StringComparison.Ordinal) || pattern.StartsWith("input[", StringComparison.Ordinal);
        var freeText = kind == BodyKind.Definition || insideFreeForm || FreeText.Contains(pattern);
        problem ??= text is null ? null : InputText.Problem(text, freeText);
        if (problem is not null)
        {
            errors[display] = [$"The text {problem}"];
            return;
        }

        if (kind == BodyKind.Command)
        {
            var max = insideFreeForm ? FormValueMaxLength : MaxLength.GetValueOrDefault(pattern, DefaultMaxLength);
            if (text!.Length > max)
            {
                errors[display] = [$"At most {max} characters; {text.Length} given."];
            }
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, out string? problem)
    {
        try
        {
            problem = null;
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone \uD800-\uDFFF.
            problem = "contains an unpaired surrogate.";
            return null;
        }
    }

    /// <summary>The path of the value about to be read: the pending property of the current object, or the next index of the current array.</summary>
    private static (string Display, string Pattern) Here(List<Frame> frames, string? property)
    {
        if (frames.Count == 0)
        {
            return ("body", "");
        }

        var top = frames[^1];
        return top.IsArray
            ? ($"{Prefix(top.Display)}[{top.Count}]", $"{top.Pattern}[]")
            : Join(frames, property ?? "?");
    }

    private static (string Display, string Pattern) Join(List<Frame> frames, string property)
    {
        var top = frames.Count == 0 ? null : frames[^1];
        return top is null || top.Display == "body"
            ? (property, property)
            : ($"{top.Display}.{property}", $"{top.Pattern}.{property}");
    }

    private static string Prefix(string display) => display == "body" ? "" : display;

    /// <summary>Counts one more element of the current array (objects ignore it); the element past the array's cap is reported, once.</summary>
    private static void Advance(List<Frame> frames, BodyKind kind, Dictionary<string, string[]> errors)
    {
        if (frames.Count == 0 || !frames[^1].IsArray)
        {
            return;
        }

        var array = frames[^1];
        array.Count++;
        var max = MaxItems.GetValueOrDefault(array.Pattern, DefaultMaxItems);
        if (kind == BodyKind.Command && array.Count == max + 1)
        {
            errors[array.Display] = [$"At most {max} elements."];
        }
    }

    private sealed class Frame(bool isArray, string display, string pattern)
    {
        public bool IsArray { get; } = isArray;

        public string Display { get; } = display;

        public string Pattern { get; } = pattern;

        public int Count { get; set; }
    }
}
