using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Server.Ui.Resources;
using OneStop.Workflows.Server.Ui.Shared;

namespace OneStop.Workflows.IntegrationTests.Ui;

/// <summary>
/// Issue 10 (every page in Chinese and English): a signal's basis is stored as an English sentence; the supervision pages
/// show it in the page's language. Every sentence is built here through the domain's own code, so a changed sentence
/// that the pages no longer read fails this test.
/// </summary>
public class SignalBasisText_Issue10Tests
{
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);
    private static readonly CentreDay Day = new(CentreTimeZone.Default);

    public static TheoryData<string> Sentences()
    {
        var data = new TheoryData<string>();
        foreach (var sentence in AllSentences())
        {
            data.Add(sentence);
        }

        return data;
    }

    private static List<string> AllSentences()
    {
        var calendar = WorkingDayCalendar.Shipped;
        var step = new Clock(ClockId.New(), CaseId.New(), TaskId.New(), ClockKind.Step, D("2025-09-26"), TimeLimit.WorkingDays(5), null, null, Now);
        var working = new Clock(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2025-09-26"), TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(20), TimeLimit.WorkingDays(10), Now);
        var calendarDays = new Clock(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2025-11-03"), TimeLimit.CalendarDays(20), TimeLimit.CalendarDays(21), TimeLimit.CalendarDays(10), Now);
        var sentences = new List<string>();
        foreach (var settings in new[] { LadderSettings.Default, new LadderSettings(PromptLeadWorkingDays: 3, PromptAtHalfBudget: true) })
        {
            foreach (var clock in new[] { step, working, calendarDays })
            {
                sentences.AddRange(CardLadder.Plan(clock, calendar, Day, settings).Select(s => s.Basis));
            }
        }

        sentences.Add(DeemedActionRules.Basis(SignalRules.DeemedConsent, 5));
        sentences.Add(DeemedActionRules.Basis(SignalRules.DeemedAcceptance, DeemedActionRules.AcceptanceWorkingDays));
        sentences.Add(new YellowAccumulationRule(3, 30).Basis("fire", 3, D("2025-10-20")));
        return sentences.Distinct().ToList();
    }

    [Fact]
    public void TheSentences_CoverEveryPattern()
    {
        var read = AllSentences().Select(s => SignalBasisText.Known.Single(k => k.Pattern.IsMatch(s)).Key).ToHashSet();

        read.Should().BeEquivalentTo(SignalBasisText.Known.Select(k => k.Key), "each pattern must be exercised by a sentence the domain writes");
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void EverySentence_IsShownInChinese_WithChineseDates(string sentence)
    {
        var zh = InCulture("zh-CN", text => text.Of(sentence));

        zh.Should().NotBe(sentence).And.NotContainAny("Step", "Promise", "Red card", "working", "calendar", "-09-", "-10-", "-11-");
        zh.Should().MatchRegex(@"\d{4}年\d{1,2}月\d{1,2}日|个工作日", "dates in the centre's Chinese format, counts in working days");
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void EverySentence_IsShownInEnglish_WithItsNumbers(string sentence)
    {
        var en = InCulture("en", text => text.Of(sentence));

        en.Should().NotContain("{").And.NotBe("");
        foreach (var number in System.Text.RegularExpressions.Regex.Matches(sentence, @"(?<![\d-])\d{1,3}(?![\d-])").Select(m => m.Value))
        {
            en.Should().Contain(number, "the sentence's counts and limits are kept");
        }
    }

    [Fact]
    public void AnUnknownSentence_IsShownAsStored()
    {
        InCulture("zh-CN", text => text.Of("Some older basis.")).Should().Be("Some older basis.");
        InCulture("zh-CN", text => text.Of(null)).Should().BeEmpty();
    }

    private static string InCulture(string culture, Func<SignalBasisText, string> show)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
            var text = new SignalBasisText(services.GetRequiredService<IStringLocalizer<SupervisionText>>(), new CentreFormat(CentreTimeZone.Default));
            return show(text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
