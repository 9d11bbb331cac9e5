using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Components;
using OneStop.Workflows.Application;
using OneStop.Workflows.Server.Ui;

namespace OneStop.Workflows.IntegrationTests.Architecture;

/// <summary>
/// Issue 10: every text of the web UI comes from the resource files (Chinese <c>X.resx</c>, English <c>X.en.resx</c>, the
/// same keys, none empty); a page never injects a use case (it calls them through <c>UseCaseRunner</c>); every page is
/// in <see cref="UiRoutes"/>. Markup is scanned as written (service-item and department names are data, not markup).
/// </summary>
public sealed partial class UiText_Issue10Tests
{
    private static readonly string UiFolder = Path.Combine(RepositoryFolders.Root, "src", "OneStop.Workflows.Server", "Ui");

    public static TheoryData<string> RazorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(UiFolder, "*.razor", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(UiFolder, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RazorFiles))]
    public void Markup_HasNoTextOutsideTheResourceFiles(string file)
    {
        var markup = string.Join('\n', WithoutCode(File.ReadAllText(Path.Combine(UiFolder, file))).Split('\n').Where(line => !IsRazorStatement(line)));
        var literals = TextNodes().Matches(markup).Select(m => m.Groups[1].Value)
            .SelectMany(node => node.Split('\n'))
            .Select(line => RazorExpression().Replace(line, "").Trim())
            .Where(text => Letters().IsMatch(HtmlEntity().Replace(text, "")))
            .Concat(TextAttributes().Matches(markup).Select(m => $"{m.Groups[1].Value}=\"{m.Groups[2].Value}\"").Where(a => Letters().IsMatch(a.Split('=', 2)[1])))
            .ToList();

        literals.Should().BeEmpty("{0} must take every text from a resource file (@L[\"Key\"]); found: {1}", file, string.Join(" | ", literals));
    }

    [Fact]
    public void EveryResourceFile_HasAnEnglishTwin_WithTheSameKeys_AndNoEmptyText()
    {
        var neutral = Directory.EnumerateFiles(Path.Combine(UiFolder, "Resources"), "*.resx").Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).ToList();
        neutral.Should().NotBeEmpty();
        foreach (var chinese in neutral)
        {
            var english = chinese[..^".resx".Length] + ".en.resx";
            File.Exists(english).Should().BeTrue("{0} needs its English twin", Path.GetFileName(chinese));
            var zh = Entries(chinese);
            var en = Entries(english);
            zh.Keys.Should().BeEquivalentTo(en.Keys, "{0} and its English twin list the same keys", Path.GetFileName(chinese));
            zh.Concat(en).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).Should().BeEmpty("no text is empty in {0}", Path.GetFileName(chinese));
        }
    }

    [Fact]
    public void EveryKeyTheMarkupNames_IsInAResourceFile()
    {
        var keys = Directory.EnumerateFiles(Path.Combine(UiFolder, "Resources"), "*.resx").SelectMany(f => Entries(f).Keys).ToHashSet();
        var used = Directory.EnumerateFiles(UiFolder, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        used.Should().NotBeEmpty();
        used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Should().BeEmpty("a missing key shows its name on the page");
    }

    [Fact]
    public void NoPage_InjectsAUseCase()
    {
        var useCases = typeof(Actor).Assembly.GetTypes()
            .Where(t => t.GetMethod("ExecuteAsync", BindingFlags.Public | BindingFlags.Instance) is not null)
            .Select(t => t.Name).ToHashSet();
        var injected = Directory.EnumerateFiles(UiFolder, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => Inject().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Type: m.Groups[1].Value.Split('.')[^1])))
            .Where(i => useCases.Contains(i.Type))
            .Select(i => $"{i.File} injects {i.Type}");

        useCases.Should().Contain("DecideTask");
        injected.Should().BeEmpty("pages call use cases through UseCaseRunner, each call in its own scope");
    }

    [Fact]
    public void EveryPage_IsListedInUiRoutes_AndEveryDrawerEntryHasAPage()
    {
        var templates = typeof(UiRoutes).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToList();

        templates.Should().BeEquivalentTo(UiRoutes.Pages, "UiRoutes.Pages lists every page (the accessibility test visits them)");
        UiRoutes.Nav.Where(n => !n.External).Select(n => n.Path).Should().BeSubsetOf(templates);
        UiRoutes.Nav.Where(n => n.External).Select(n => n.Path).Should().Equal([UiRoutes.Designer], "the only entry outside the Blazor UI is the designer (the Elsa Studio's host page, issue 11)");
    }

    private static Dictionary<string, string> Entries(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string WithoutCode(string razor)
    {
        razor = RazorComment().Replace(razor, "");
        var code = razor.IndexOf("@code", StringComparison.Ordinal);
        return code < 0 ? razor : razor[..code];
    }

    private static bool IsRazorStatement(string line)
    {
        var text = line.Trim();
        return text is "{" or "}" or "else" || text.StartsWith("} else", StringComparison.Ordinal)
            || RazorStatement().IsMatch(text) || CSharpStatement().IsMatch(text);
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@">([^<>]*)<")]
    private static partial Regex TextNodes();

    [GeneratedRegex(@"^@(if|else|foreach|for|while|switch|using|inject|page|attribute|layout|inherits|implements|rendermode|namespace|typeparam|\{|\()")]
    private static partial Regex RazorStatement();

    [GeneratedRegex(@"^(foreach|if|else if|switch|case|var|break|return)\b")]
    private static partial Regex CSharpStatement();

    // @L["Key", args], @S["Key"], @(expression), @Identifier.Member(args)[index] …
    [GeneratedRegex(@"@\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|@[A-Za-z_][\w.]*(?:\[(?:[^\[\]]|\[[^\[\]]*\])*\]|\((?:[^()]|\([^()]*\))*\))*")]
    private static partial Regex RazorExpression();

    [GeneratedRegex(@"&[#\w]+;")]
    private static partial Regex HtmlEntity();

    [GeneratedRegex(@"\p{L}")]
    private static partial Regex Letters();

    [GeneratedRegex(@"\s(Label|Title|Placeholder|HelperText|Text|AriaLabel|aria-label|title|alt|placeholder)=""([^""@][^""]*)""")]
    private static partial Regex TextAttributes();

    [GeneratedRegex(@"\b[LS]\[""([^""{}]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"@inject\s+([\w.<>]+)\s+\w+")]
    private static partial Regex Inject();
}
