using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OneStop.Workflows.Server.Ui.Resources;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// A signal's or an alert's basis in the page's language. The server stores the basis as one English sentence (what the
/// API returns and what re-planning compares); each sentence the card ladder, the deemed actions and the yellow-card
/// accumulation write has a pattern here and a text <c>Basis.*</c> in <see cref="SupervisionText"/>, with its dates in
/// the page's format. A sentence no pattern knows (written by an older version) is shown as stored.
/// </summary>
/// <remarks>A test builds every sentence through the domain's own code and checks that a pattern here reads it.</remarks>
public sealed partial class SignalBasisText(IStringLocalizer<SupervisionText> text, CentreFormat format)
{
    private const string Date = @"\d{4}-\d{2}-\d{2}";

    /// <summary>The text's key and the pattern whose numbered groups are the text's arguments, in order.</summary>
    internal static readonly IReadOnlyList<(string Key, Regex Pattern)> Known =
    [
        ("Basis.StepPrompt", Sentence($@"Step due ({Date}): (one|\d+) working days? left\.")),
        ("Basis.StepYellow", Sentence($@"Step budget exceeded at the end of ({Date})\.")),
        ("Basis.CaseHalf", Sentence($@"Half the promised limit is used: (\d+) of (\d+) (working|calendar) days counted by the end of ({Date}) \(promised due ({Date})\)\.")),
        ("Basis.CasePrompt", Sentence($@"Promised due ({Date}): (one|\d+) working days? left\.")),
        ("Basis.CaseYellow", Sentence($@"Promise exceeded at the end of ({Date})\.")),
        ("Basis.CaseRedSupervised", Sentence($@"Red card: still open at the supervised-handling deadline ({Date})\.")),
        ("Basis.CaseRedStatutory", Sentence($@"Red card: statutory limit ({Date}) exceeded\.")),
        ("Basis.DeemedConsent", Sentence(@"No opinion within (\d+) working days counts as consent\.")),
        ("Basis.DeemedAcceptance", Sentence(@"No acceptance decision or correction notice within (\d+) working days of receipt \(Art\. 32\): deemed accepted\.")),
        ("Basis.YellowAccumulation", Sentence($@"Red card: yellow card no\. (\d+) of department '([^']+)' within (\d+) day\(s\) \(({Date})\.\.({Date})\); every (\d+) yellow cards within that period make a red card\.")),
    ];

    /// <summary>The basis in the page's language.</summary>
    public string Of(string? basis)
    {
        if (string.IsNullOrEmpty(basis))
        {
            return "";
        }

        foreach (var (key, pattern) in Known)
        {
            if (pattern.Match(basis) is { Success: true } match)
            {
                var arguments = match.Groups.Values.Skip(1).Select(g => (object)Argument(g.Value)).ToArray();
                return text[key, arguments];
            }
        }

        return basis;
    }

    private string Argument(string value) => value switch
    {
        "one" => "1",
        "working" => text["Basis.Unit.working"],
        "calendar" => text["Basis.Unit.calendar"],
        _ when DateOnly.TryParseExact(value, "yyyy-MM-dd", out _) => format.Date(value),
        _ => value,
    };

    private static Regex Sentence(string pattern) => new($"^{pattern}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
