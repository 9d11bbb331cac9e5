using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 4: the optional "k yellow cards within a period → red card" rule (<c>Supervision:YellowToRed</c>), off by default.
/// Food business licences with the promise raised to 20 WD, so that within the test only the market reviews' step yellow
/// cards fire: a review opened Fri 09-26 is due 10-09 (yellow at 10-10 00:00), one opened Mon 09-29 is due Sat 10-11
/// (a make-up working day; yellow at 10-12 00:00).
/// </summary>
public sealed class YellowAccumulation_Issue4Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const string Food = "food-business-licence";

    [Fact]
    public async Task TwoOverdueReviewsOfOneDepartment_WithinThePeriod_RaiseOneAccumulationRed_OnTheSecondReview()
    {
        await RestartWithAsync(Rule(count: 2, periodDays: 3));
        var (first, second) = await TwoReviewsOverdueTwoDaysApartAsync();

        var yellows = (await SignalsAsync(first)).Concat(await SignalsAsync(second)).Where(s => s.Rule == SignalRules.StepYellow).ToList();
        yellows.Select(s => s.FiredAt).Should().Equal(At("2025-10-10T00:00:00"), At("2025-10-12T00:00:00"));
        var red = (await AccumulationRedsAsync()).Should().ContainSingle().Subject;
        var secondYellow = yellows[1];
        red.Level.Should().Be(SignalLevel.Red);
        red.CaseId.Should().Be(Guid.Parse(second));
        red.SubjectKind.Should().Be(ClockKind.Step);
        red.SubjectId.Should().Be(secondYellow.SubjectId, "the red card is raised on the subject of the yellow card that reached k");
        red.ClockId.Should().Be(secondYellow.ClockId);
        red.DueAt.Should().Be(At("2025-10-12T00:00:00"));
        red.FiredAt.Should().Be(At("2025-10-12T00:00:00"), "the same sweep fires it in its next batch");
        red.Basis.Should().Be("Red card: yellow card no. 2 of department 'market' within 3 day(s) (2025-10-10..2025-10-12); every 2 yellow cards within that period make a red card.");

        (await RecipientsAsync(second))[SignalRules.YellowAccumulation].Should().Equal("head.market", "supervisor");
        var raised = await InDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "RedRaised" && e.Subject == red.SubjectId.ToString()).ToListAsync());
        raised.Should().ContainSingle().Which.Reason.Should().Be(red.Basis);

        (await SweepAsync()).Should().Be(0, "a rerun raises nothing new");
        (await AccumulationRedsAsync()).Should().HaveCount(1);
    }

    [Theory]
    [InlineData(2)] // 10-11..10-12: the first card (10-10) is outside
    [InlineData(1)]
    public async Task TwoOverdueReviewsOfOneDepartment_FurtherApartThanThePeriod_RaiseNone(int periodDays)
    {
        await RestartWithAsync(Rule(count: 2, periodDays));

        await TwoReviewsOverdueTwoDaysApartAsync();

        (await AccumulationRedsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Rule_IsOffByDefault()
    {
        var (first, second) = await TwoReviewsOverdueTwoDaysApartAsync();

        var yellows = (await SignalsAsync(first)).Concat(await SignalsAsync(second)).Where(s => s.Rule == SignalRules.StepYellow && s.FiredAt != null);
        yellows.Should().HaveCount(2);
        (await AccumulationRedsAsync()).Should().BeEmpty();
        Factory.Services.GetRequiredService<YellowAccumulationRule>().Should().Be(YellowAccumulationRule.Off);
    }

    [Theory]
    [InlineData(1000)] // one batch: counted in firing order (due instant, then id)
    [InlineData(1)]    // one yellow card per batch: counted across batches
    public async Task ThreeYellowCardsOfOneDepartmentAtOnce_RaiseExactlyOneRed(int batchSize)
    {
        await RestartWithAsync(Rule(count: 2, periodDays: 1));
        SetClock("2025-09-26T09:00:00");
        await PromiseTwentyWorkingDaysAsync();
        var cases = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await Driver.SubmitAndAcceptAsync("clerk.market", Food));
        }

        SetClock("2025-10-10T00:00:00");
        var sweeper = Factory.Services.GetRequiredService<DeadlineSweeper>();

        (await sweeper.SweepAsync(batchSize)).Should().Be(7, "three step prompts, three step yellow cards and one accumulation red");
        var yellows = new List<SignalRow>();
        foreach (var id in cases)
        {
            yellows.Add((await SignalsAsync(id)).Single(s => s.Rule == SignalRules.StepYellow));
        }

        var red = (await AccumulationRedsAsync()).Should().ContainSingle("the second card reaches k = 2; the third (3) is no multiple of 2").Subject;
        red.Basis.Should().StartWith("Red card: yellow card no. 2 of department 'market' within 1 day(s) (2025-10-10..2025-10-10)");
        yellows.Select(y => y.SubjectId).Should().Contain(red.SubjectId);
        if (batchSize > 1)
        {
            red.SubjectId.Should().Be(yellows.OrderBy(y => y.DueAt).ThenBy(y => y.Id).ElementAt(1).SubjectId);
        }

        (await sweeper.SweepAsync(batchSize)).Should().Be(0);
        (await AccumulationRedsAsync()).Should().HaveCount(1);
    }

    [Fact]
    public async Task CaseYellowCard_CountsForTheLeadDepartment()
    {
        // The seeded promise (5 WD): the market review's yellow at 10-10 00:00, the case's own at 10-11 00:00.
        await RestartWithAsync(Rule(count: 2, periodDays: 2));
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", Food);

        SetClock("2025-10-10T00:00:00");
        await SweepAsync();
        (await AccumulationRedsAsync()).Should().BeEmpty();
        SetClock("2025-10-11T00:00:00");
        await SweepAsync();

        var red = (await AccumulationRedsAsync()).Should().ContainSingle().Subject;
        red.SubjectKind.Should().Be(ClockKind.Case);
        red.SubjectId.Should().Be(Guid.Parse(id));
        red.FiredAt.Should().Be(At("2025-10-11T00:00:00"));
        red.Basis.Should().StartWith("Red card: yellow card no. 2 of department 'market' within 2 day(s) (2025-10-10..2025-10-11)");
    }

    [Theory]
    [InlineData("1", "7", "Supervision:YellowToRed:Count is 1; use 0 (off) or 2 to 100 (with 1 every yellow card would also be a red card).")]
    [InlineData("2", null, "Supervision:YellowToRed:PeriodDays is 0; with the rule on, use 1 to 366 calendar days.")]
    [InlineData("two", "7", "Supervision:YellowToRed:Count is 'two', which is not a valid int32.")]
    public void YellowToRed_BadSettings_AreRefusedNamingTheSetting(string count, string? periodDays, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Rule(count, periodDays)).Build();

        FluentActions.Invoking(() => SupervisionSettings.YellowToRed(configuration)).Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    [Fact]
    public void YellowToRed_AbsentOrZero_IsOff_AndValidSettingsAreRead()
    {
        SupervisionSettings.YellowToRed(new ConfigurationBuilder().Build()).Should().Be(YellowAccumulationRule.Off);
        SupervisionSettings.YellowToRed(new ConfigurationBuilder().AddInMemoryCollection(Rule("0", "-4")).Build()).IsOn.Should().BeFalse();
        SupervisionSettings.YellowToRed(new ConfigurationBuilder().AddInMemoryCollection(Rule(" 3 ", "30")).Build()).Should().Be(new YellowAccumulationRule(3, 30));
    }

    [Fact]
    public async Task Server_DoesNotStart_WithABadRuleOrLadderSetting()
    {
        var connection = await Postgres.Server.CreateDatabaseAsync();
        await using var badRule = new OneStopApiFactory("PostgreSql", connection, Rule("-1", "7"));
        await using var badLadder = new OneStopApiFactory("PostgreSql", connection, new Dictionary<string, string?> { ["Supervision:Ladder:PromptLeadWorkingDays"] = "0" });

        FluentActions.Invoking(() => badRule.Services).Should().Throw<Exception>().Where(e => e.ToString().Contains("Supervision:YellowToRed:Count is -1"));
        FluentActions.Invoking(() => badLadder.Services).Should().Throw<Exception>()
            .Where(e => e.ToString().Contains("Supervision:Ladder:PromptLeadWorkingDays: 'promptLeadWorkingDays' must be between 1 and 30 working days (it is 0)."));
    }

    private static Dictionary<string, string?> Rule(int count, int periodDays) => Rule(count.ToString(CultureInfo.InvariantCulture), periodDays.ToString(CultureInfo.InvariantCulture));

    private static Dictionary<string, string?> Rule(string count, string? periodDays) => new()
    {
        ["Supervision:YellowToRed:Count"] = count,
        ["Supervision:YellowToRed:PeriodDays"] = periodDays,
    };

    /// <summary>Two food licences, accepted 09-26 and 09-29; sweeps at 10-10 00:00 and 10-12 00:00 (each twice). Answers their ids.</summary>
    private async Task<(string First, string Second)> TwoReviewsOverdueTwoDaysApartAsync()
    {
        SetClock("2025-09-26T09:00:00");
        await PromiseTwentyWorkingDaysAsync();
        var first = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        SetClock("2025-09-29T09:00:00");
        var second = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        (await SignalsAsync(second)).Single(s => s.Rule == SignalRules.StepYellow).DueAt.Should().Be(At("2025-10-12T00:00:00"));

        SetClock("2025-10-10T00:00:00");
        (await SweepAsync()).Should().Be(2, "the first review's step prompt and yellow card");
        await SweepAsync();
        (await AccumulationRedsAsync()).Should().BeEmpty("one yellow card is not k");
        SetClock("2025-10-12T00:00:00");
        await SweepAsync();
        await SweepAsync();
        return (first, second);
    }

    /// <summary>The food licence's promise becomes 20 WD, so its case cards stay out of the test's weeks.</summary>
    private async Task PromiseTwentyWorkingDaysAsync()
    {
        var admin = await Driver.As("admin");
        var body = await GetAsync("admin", $"/api/service-items/{Food}");
        body["promisedLimit"] = new JsonObject { ["value"] = 20, ["unit"] = "WorkingDays" };
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync($"/api/service-items/{Food}", body), HttpStatusCode.OK);
    }

    private Task<List<SignalRow>> AccumulationRedsAsync() =>
        InDbAsync(db => db.Signals.AsNoTracking().Where(s => s.Rule == SignalRules.YellowAccumulation).ToListAsync());
}
