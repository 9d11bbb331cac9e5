using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Ui;
using OneStop.Workflows.Server.Ui.Shared;

namespace OneStop.Workflows.IntegrationTests.Architecture;

/// <summary>
/// Issue 10 acceptance 4, field errors (ADR 0017): every field-error code and every refusal code has a text in Chinese and in
/// English; no field error of the use cases (but the Studio's, Definitions/Instances) or of the domain goes without a code;
/// the UI turns a code and its arguments into the page's language.
/// </summary>
public sealed partial class FieldErrorCodes_Issue10Tests
{
    private static readonly string Resources = Path.Combine(RepositoryFolders.Root, "src", "OneStop.Workflows.Server", "Ui", "Resources");

    private static IReadOnlyList<string> FieldCodes() => Constants(typeof(FieldErrorCodes));

    /// <summary>The refusal codes: the catalogue's constants and the task-status codes it builds.</summary>
    private static IReadOnlyList<string> RefusalCodeList() =>
        [.. Constants(typeof(RefusalCodes)),
            .. Enum.GetNames<ApprovalTaskStatus>().Where(s => s != nameof(ApprovalTaskStatus.Open)).Select(RefusalCodes.TaskInStatus)];

    [Fact]
    public void EveryFieldErrorCode_AndEveryRefusalCode_HasAChineseAndAnEnglishText()
    {
        var zh = Entries("SharedText.resx");
        var en = Entries("SharedText.en.resx");
        var keys = FieldCodes().Select(c => $"Field.{c}").Concat(RefusalCodeList().Select(c => $"Refusal.{c}")).ToList();

        keys.Should().HaveCountGreaterThan(100);
        keys.Where(k => string.IsNullOrWhiteSpace(zh.GetValueOrDefault(k))).Should().BeEmpty("every code has a Chinese text in SharedText.resx");
        keys.Where(k => string.IsNullOrWhiteSpace(en.GetValueOrDefault(k))).Should().BeEmpty("every code has an English text in SharedText.en.resx");
        keys.Where(k => !Cjk().IsMatch(zh[k])).Should().BeEmpty("the neutral (Chinese) text is written in Chinese");
    }

    [Fact]
    public void FieldErrorCodes_AreUniqueStableDottedNames()
    {
        var codes = FieldCodes();

        codes.Should().OnlyHaveUniqueItems();
        codes.Where(c => !WireName().IsMatch(c)).Should().BeEmpty("a code is lower-case words with '-' joined by '.'");
    }

    [Fact]
    public void NoUseCaseOrDomainCheck_RefusesAFieldWithoutACode()
    {
        var codeless = CodelessInvalidCalls(typeof(Application.Staff.CreateUser).Assembly).Concat(CodelessInvalidCalls(typeof(Refusal).Assembly))
            .Where(c => !c.Namespace.StartsWith("OneStop.Workflows.Application.Definitions", StringComparison.Ordinal)
                && !c.Namespace.StartsWith("OneStop.Workflows.Application.Instances", StringComparison.Ordinal)
                && c.Type != typeof(Refusal).FullName)
            .Select(c => $"{c.Type}.{c.Method}")
            .ToList();

        codeless.Should().BeEmpty("every Refusal.Invalid outside the Studio's use cases gives FieldErrors with a code (ADR 0017)");
    }

    [Fact]
    public void TheScan_FindsTheStudiosCodelessRefusals_SoItCanFail()
    {
        // The Studio's use cases keep the codeless overloads (they show the text as it is): the scan must see them.
        CodelessInvalidCalls(typeof(Application.Staff.CreateUser).Assembly).Should().Contain(c => c.Namespace.StartsWith("OneStop.Workflows.Application.Definitions", StringComparison.Ordinal));
    }

    [Fact]
    public void AFieldError_IsShownInThePagesLanguage_WithItsArguments()
    {
        var tooShort = PasswordPolicy.Errors("short", "someone").Single();

        InCulture(UiCulture.Chinese, () => FieldErrorText.Of(tooShort)).Should().Be($"密码至少需要 {PasswordPolicy.MinLength} 个字符。");
        InCulture(UiCulture.English, () => FieldErrorText.Of(tooShort)).Should().Be($"A password has at least {PasswordPolicy.MinLength} characters.");
        tooShort.Message.Should().Be($"A password has at least {PasswordPolicy.MinLength} characters.", "the API's message is unchanged");
    }

    [Fact]
    public void AnUnknownCode_OrAMissingArgument_FallsBackToTheMessage()
    {
        InCulture(UiCulture.Chinese, () => FieldErrorText.Of(new FieldError("no.such-code", "As the use case said."))).Should().Be("As the use case said.");
        InCulture(UiCulture.Chinese, () => FieldErrorText.Of(new FieldError(FieldErrorCodes.TooLong, "At most 5 characters."))).Should().Be("At most 5 characters.");
        InCulture(UiCulture.Chinese, () => FieldErrorText.Of(new FieldError(FieldErrorCodes.TooLong, "At most 5 characters.").With("max", 5))).Should().Be("最多 5 个字符。");
    }

    [Fact]
    public void ARefusal_CarriesTheMessagesAsBefore_AndTheCodesBesideThem()
    {
        var refusal = Refusal.Invalid(new Dictionary<string, FieldError[]>
        {
            ["userName"] = [UserAccount.UserNameError("")!],
            ["password"] = [.. PasswordPolicy.Errors("admin", "admin")],
        });

        refusal.Errors.Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["userName"] = ["A user name is required."],
            ["password"] = [$"A password has at least {PasswordPolicy.MinLength} characters.", "A password cannot contain the user name."],
        }, o => o.WithStrictOrdering());
        refusal.FieldErrors!["password"].Select(e => e.Code).Should().Equal(FieldErrorCodes.PasswordTooShort, FieldErrorCodes.PasswordContainsUserName);
        InCulture(UiCulture.Chinese, () => FieldErrorText.ByField(refusal)["userName"]).Should().Equal("此项为必填项。");
    }

    /// <summary>Every call of a codeless <see cref="Refusal.Invalid(string, string[])"/> or <see cref="Refusal.Invalid(IReadOnlyDictionary{string, string[]})"/> in the assembly's IL.</summary>
    private static List<(string Namespace, string Type, string Method)> CodelessInvalidCalls(Assembly assembly)
    {
        var codeless = typeof(Refusal).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(Refusal.Invalid) && m.GetParameters().Any(p => p.ParameterType == typeof(string[]) || p.ParameterType == typeof(IReadOnlyDictionary<string, string[]>)))
            .ToList();
        codeless.Should().HaveCount(2);
        var found = new List<(string, string, string)>();
        foreach (var type in assembly.GetTypes())
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (Calls(method, codeless))
                {
                    var outer = type;
                    while (outer.DeclaringType is { } declaring)
                    {
                        outer = declaring; // lambdas and async state machines are nested types of the type that wrote them
                    }

                    found.Add((type.Namespace ?? "", outer.FullName ?? outer.Name, method.Name));
                }
            }
        }

        return found;
    }

    /// <summary>Whether the method's IL calls one of <paramref name="targets"/> (call/callvirt/ldftn operands; a stray byte can only make it say yes).</summary>
    private static bool Calls(MethodBase method, IReadOnlyList<MethodInfo> targets)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            return false;
        }

        for (var i = 0; i + 4 < il.Length; i++)
        {
            var isCall = il[i] == OpCodes.Call.Value || il[i] == OpCodes.Callvirt.Value || (il[i] == 0x06 && i > 0 && il[i - 1] == 0xFE);
            if (!isCall)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) is not (0x06 or 0x0A or 0x2B))
            {
                continue;
            }

            try
            {
                var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
                var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
                if (method.Module.ResolveMethod(token, typeArgs, methodArgs) is MethodInfo called && targets.Contains(called))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // not a method token after all
            }
        }

        return false;
    }

    private static List<string> Constants(Type catalogue) =>
        catalogue.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)*$")]
    private static partial Regex WireName();
}
