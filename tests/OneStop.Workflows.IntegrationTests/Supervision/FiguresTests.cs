using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;
using static OneStop.Workflows.IntegrationTests.Clocks.ClockJson;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// <c>GET /api/supervision/figures</c> on a fixture of 15 completed cases (plus one still open and one not accepted, which
/// must not count), each figure worked out by hand below from the 2025 calendar (docs/calendar.md) and the card ladder
/// (docs/supervision.md). Nothing here asks the product to compute an expectation.
/// <code>
/// Working days of 2025 after Fri 09-26 (10-01..10-08 rest; Sun 09-28 and Sat 10-11 are make-up working days):
///   #1 09-28  #2 09-29  #3 09-30  #4 10-09  #5 10-10  #6 10-11  #7 10-13  #8 10-14  #9 10-15  #10 10-16  #11 10-17
///   #12 10-20 … #16 10-24  #17 10-27 … #21 10-31  #22 11-03  #23 11-04  #24 11-05  #25 11-06  #26 11-07  #27 11-10 … #30 11-13
///
/// Items   FBL food-business-licence (lead market): promised 5 WD, statutory 20 WD (+10), market review 4 WD.
///         CE  company-establishment (lead market): promised 1 WD, statutory 3 WD, five 1-WD reviews (market, police, tax, social, fund).
///         CP  construction-permit (lead housing): promised 3 WD, statutory 7 calendar days (ending on a rest day → next working day),
///             reviews housing 3 WD, fire 3 WD, airdefence 2 WD.
/// Ladder  case prompt 00:00 of the promised due day P, case yellow at its end, case red at the end of min(P + 2 WD, statutory due S);
///         step prompt 00:00 of the review's due day, step yellow at its end. A signal counts when its instant is at or before the
///         decision instant (10:00 on the decision day): later ones are withdrawn when the clocks stop; earlier ones fire at the next sweep.
///
/// case item acc.   P      S      decided  WD net susp. on time early overdue cards P/Y/R  why
/// A    FBL  09-26  10-10  10-30  10-09     4     0    yes     yes   no      1/0/0         step prompt (review due 10-09)
/// B    FBL  09-26  10-10  10-30  10-10     5     0    yes     no    no      2/1/0         step prompt, step yellow (10-10 00:00), case prompt
/// C    FBL  09-26  10-10  11-03  10-16  10−2=8   2    no      no    no      2/2/1         suspended 10-13..10-14 (POST by head.market): S #20→#22;
///                                                                                         red moves from 10-14 00:00 to the end of 10-15 (10-10 + 2 WD
///                                                                                         skipping the suspension) and fires, decided 10-16 10:00
/// E    FBL  09-26  10-10  10-30  10-31    21     0    no      no    yes     2/2/1         statutory limit exceeded
/// F    FBL  09-26  10-10  10-30  10-13     7     0    no      no    no      2/2/0         after the promise, within S; red (10-14 00:00) withdrawn
/// G    FBL  09-26  10-13  11-03  10-13   7−2=5   2    yes     no    no      2/1/0         suspended 09-29..09-30: P 5 WD skipping #2,#3 = 10-13; review
///                                                                                         due 10-11 (prompt 10-11, yellow 10-12 00:00); case prompt 10-13
/// H    FBL  09-26  10-10  11-13  10-31    21     0    no      no    no      2/2/1         extended +10 WD on 10-20 (S = #30 = 11-13): late, not overdue
/// I    FBL  10-11  10-17  11-07  10-16     4     0    yes     yes   no      1/0/0         accepted on the make-up Saturday; review due 10-16
/// J    CE   09-26  09-28  09-30  09-28     1     0    yes     no    no      6/0/0         decided on the make-up Sunday: 5 step prompts + case prompt
/// K    CE   09-26  09-28  09-30  09-26     0     0    yes     yes   no      0/0/0         decided the day it was accepted
/// L    CE   09-30  10-09  10-11  10-13     4     0    no      no    yes     6/6/1         S = 10-09,10-10,10-11; red end of 10-11 (= P + 2 WD = S)
/// D    CP   09-26  09-30  10-09  09-29     2     0    yes     yes   no      1/0/0         airdefence review due 09-29 (S: 7 days → 10-03 rest → 10-09)
/// M    CP   09-26  09-30  10-09  09-30     3     0    yes     no    no      4/1/0         step prompts air 09-29, housing + fire 09-30, case prompt;
///                                                                                         air yellow 09-30 00:00
/// Q    CP   09-26  09-30  10-09  10-09     4     0    no      no    no      4/4/0         decided on S: + yellows housing, fire, case (10-01 00:00);
///                                                                                         red (end of 10-09 = 10-10 00:00) withdrawn
/// R    CP   09-26  09-30  10-09  10-10     5     0    no      no    yes     4/4/1         refused (fire rejects, AllRequired); red end of S 10-09
/// O    FBL  09-26  10-10  10-30  open      —     —    —       —     —      (2/2/1 fire)   still open: not counted
/// N    FBL  received 09-26, acceptance refused (NotAccepted)                               not counted
///
/// FBL  (A B C E F G H I):  8 completed, on time 4 (A B G I) 4/8, early 2 (A I) 2/8, overdue 1 (E); net 4+5+8+21+7+5+21+4 = 75,
///                          75/8 = 9.375 → 9.38; suspended 4/(75+4) = 4/79; cards 14/10/3.
/// CE   (J K L):            3, on time 2 (J K) 2/3, early 1 (K) 1/3, overdue 1 (L); net 1+0+4 = 5, 5/3 → 1.67; suspended 0; 12/6/1.
/// CP   (D M Q R):          4, on time 2 (D M) 2/4, early 1 (D) 1/4, overdue 1 (R); net 2+3+4+5 = 14, 3.5; suspended 0; 13/9/1.
/// market = FBL + CE:       11, on time 6/11, early 3/11, overdue 2; net 80, 80/11 → 7.27; suspended 4/84; 26/16/4.
/// housing = CP.            total: 15, on time 8/15, early 4/15, overdue 3; net 94, 94/15 → 6.27; suspended 4/98; 39/25/5.
/// Decided 10-10..10-16 (B R F G L I C): market (B C F G I L) 6, on time 3/6 (B G I), early 1/6 (I), overdue 1 (L); net
///   5+8+7+5+4+4 = 33, 5.5; suspended 4/37; 15/12/2. housing (R) 1, 0, 0, 1, 5, 0, 4/4/1. total 7, 3/7, 1/7, 2, 38/7 → 5.43, 4/42, 19/16/3.
/// </code>
/// Rates are the exact fractions rounded to 4 places as the endpoint returns them; averages to 2 places.
/// </summary>
public sealed class FiguresTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const string Food = "food-business-licence";
    private const string Company = "company-establishment";
    private const string Construction = "construction-permit";

    /// <summary>The hand-computed table above, per case: (promised due, statutory due, decision date, fired prompts/yellow/red).</summary>
    private static readonly Dictionary<string, Expected> Table = new()
    {
        ["A"] = new("2025-09-26", "2025-10-10", "2025-10-30", "2025-10-09", 1, 0, 0),
        ["B"] = new("2025-09-26", "2025-10-10", "2025-10-30", "2025-10-10", 2, 1, 0),
        ["C"] = new("2025-09-26", "2025-10-10", "2025-11-03", "2025-10-16", 2, 2, 1),
        ["E"] = new("2025-09-26", "2025-10-10", "2025-10-30", "2025-10-31", 2, 2, 1),
        ["F"] = new("2025-09-26", "2025-10-10", "2025-10-30", "2025-10-13", 2, 2, 0),
        ["G"] = new("2025-09-26", "2025-10-13", "2025-11-03", "2025-10-13", 2, 1, 0),
        ["H"] = new("2025-09-26", "2025-10-10", "2025-11-13", "2025-10-31", 2, 2, 1),
        ["I"] = new("2025-10-11", "2025-10-17", "2025-11-07", "2025-10-16", 1, 0, 0),
        ["J"] = new("2025-09-26", "2025-09-28", "2025-09-30", "2025-09-28", 6, 0, 0),
        ["K"] = new("2025-09-26", "2025-09-28", "2025-09-30", "2025-09-26", 0, 0, 0),
        ["L"] = new("2025-09-30", "2025-10-09", "2025-10-11", "2025-10-13", 6, 6, 1),
        ["D"] = new("2025-09-26", "2025-09-30", "2025-10-09", "2025-09-29", 1, 0, 0),
        ["M"] = new("2025-09-26", "2025-09-30", "2025-10-09", "2025-09-30", 4, 1, 0),
        ["Q"] = new("2025-09-26", "2025-09-30", "2025-10-09", "2025-10-09", 4, 4, 0),
        ["R"] = new("2025-09-26", "2025-09-30", "2025-10-09", "2025-10-10", 4, 4, 1),
        ["O"] = new("2025-09-26", "2025-10-10", "2025-10-30", null, 2, 2, 1),
    };

    [Fact]
    public async Task Figures_PerDepartmentAndItem_MatchTheHandCount()
    {
        var cases = new Dictionary<string, string>();
        SetClock("2025-09-26T09:00:00");
        foreach (var name in new[] { "A", "B", "C", "E", "F", "G", "H", "O" })
        {
            cases[name] = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        }

        cases["J"] = await Driver.SubmitAndAcceptAsync("clerk.market", Company);
        cases["K"] = await Driver.SubmitAndAcceptAsync("clerk.market", Company);
        foreach (var name in new[] { "D", "M", "Q", "R" })
        {
            cases[name] = await Driver.SubmitAndAcceptAsync("clerk.housing", Construction);
        }

        var (notAccepted, _, _) = await Driver.SubmitAsync("clerk.market", Food);
        var acceptance = (await Driver.TasksAsync(notAccepted, "Acceptance")).Single();
        await Driver.DecideOkAsync("clerk.market", acceptance["id"]!.GetValue<string>(), "Refused", "Not within the licensing scope 不属于受理范围");
        (await Driver.CaseAsync(notAccepted))["status"]!.GetValue<string>().Should().Be("NotAccepted");

        SetClock("2025-09-26T10:00:00");
        await ApproveReviewsAsync(cases["K"]);
        SetClock("2025-09-28T10:00:00"); // Sunday, a make-up working day
        await ApproveReviewsAsync(cases["J"]);
        SetClock("2025-09-28T12:00:00");
        (await SweepAsync()).Should().Be(6, "J's five step prompts and case prompt were due at 09-28 00:00");

        SetClock("2025-09-29T09:00:00");
        var gSuspension = await SuspendAsync(cases["G"], "2025-09-29");
        SetClock("2025-09-29T10:00:00");
        await ApproveReviewsAsync(cases["D"]);
        SetClock("2025-09-29T12:00:00");
        (await SweepAsync()).Should().Be(4, "the airdefence step prompts of D, M, Q, R (09-29 00:00); nothing of the suspended G");

        SetClock("2025-09-30T09:00:00");
        cases["L"] = await Driver.SubmitAndAcceptAsync("clerk.market", Company);
        SetClock("2025-09-30T10:00:00");
        await ApproveReviewsAsync(cases["M"]);
        SetClock("2025-09-30T17:00:00");
        var gClock = await EndSuspensionAsync(cases["G"], gSuspension, "2025-09-30");
        (gClock["promisedDue"]!.GetValue<string>(), gClock["statutoryDue"]!.GetValue<string>()).Should().Be(("2025-10-13", "2025-11-03"));
        SetClock("2025-09-30T18:00:00");
        (await SweepAsync()).Should().Be(12, "09-30 00:00: airdefence yellow, housing and fire step prompts and case prompt of M, Q, R");

        SetClock("2025-10-09T10:00:00");
        await ApproveReviewsAsync(cases["A"]);
        await ApproveReviewsAsync(cases["Q"]);
        SetClock("2025-10-10T10:00:00");
        await ApproveReviewsAsync(cases["B"]);
        await RejectReviewAsync(cases["R"], "fire");
        (await Driver.CaseAsync(cases["R"]))["decision"]!.GetValue<string>().Should().Be("Refused");
        SetClock("2025-10-11T09:00:00"); // Saturday, a make-up working day
        cases["I"] = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        SetClock("2025-10-12T12:00:00");
        (await SweepAsync()).Should().Be(46,
            "Q, R: 3 yellows each (10-01); L: 6 prompts, 6 yellows, red; A: 1; B: 3; C, E, F, H, O: 4 each; G: step prompt and yellow; R: red");

        SetClock("2025-10-13T09:00:00");
        var cSuspension = await SuspendAsync(cases["C"], "2025-10-13");
        SetClock("2025-10-13T10:00:00");
        await ApproveReviewsAsync(cases["F"]);
        await ApproveReviewsAsync(cases["G"]);
        await ApproveReviewsAsync(cases["L"]);
        SetClock("2025-10-14T17:00:00");
        var cClock = await EndSuspensionAsync(cases["C"], cSuspension, "2025-10-14");
        (cClock["promisedDue"]!.GetValue<string>(), cClock["statutoryDue"]!.GetValue<string>()).Should().Be(("2025-10-10", "2025-11-03"));
        SetClock("2025-10-16T10:00:00");
        await ApproveReviewsAsync(cases["C"]);
        await ApproveReviewsAsync(cases["I"]);
        SetClock("2025-10-20T09:00:00");
        (await SweepAsync()).Should().Be(6, "G's case prompt (10-13), the reds of E, H, O (10-14) and C (10-16), I's step prompt (10-16)");

        var extended = await HttpJson.ReadAsync(await (await Driver.As("head.market")).PostAsJsonAsync($"/api/cases/{cases["H"]}/extensions",
            new { workingDays = 10, reason = "A second on-site check 二次现场核查" }), HttpStatusCode.OK);
        CaseClock(extended)["statutoryDue"]!.GetValue<string>().Should().Be("2025-11-13");
        SetClock("2025-10-31T10:00:00");
        await ApproveReviewsAsync(cases["E"]);
        await ApproveReviewsAsync(cases["H"]);
        SetClock("2025-11-01T09:00:00");
        (await SweepAsync()).Should().Be(0, "every signal due before E and H were decided has fired; O has nothing left");

        foreach (var (name, expected) in Table)
        {
            var id = cases[name];
            var c = await Driver.CaseAsync(id);
            var clock = CaseClock(await GetAsync("supervisor", $"/api/cases/{id}/clocks"), "items");
            var signals = (await SignalsAsync(id)).Where(s => s.FiredAt is not null).ToList();
            new Actual(
                    c["acceptanceDate"]!.GetValue<string>(), clock["promisedDue"]!.GetValue<string>(), clock["statutoryDue"]!.GetValue<string>(),
                    c["decisionDate"]?.GetValue<string>(), signals.Count(s => s.Level == SignalLevel.Prompt), signals.Count(s => s.Level == SignalLevel.Yellow),
                    signals.Count(s => s.Level == SignalLevel.Red))
                .Should().Be(new Actual(expected.Accepted, expected.PromisedDue, expected.StatutoryDue, expected.Decided, expected.Prompts, expected.Yellow, expected.Red),
                    $"case {name} as in the table");
        }

        var byDepartment = await GetAsync("supervisor", "/api/supervision/figures?from=2025-09-01&to=2025-10-31");
        byDepartment["groupBy"]!.GetValue<string>().Should().Be("department");
        Keys(byDepartment).Should().Equal("housing", "market");
        Group(byDepartment, "market").Should().Be(new Row("market", 11, 6, Rate(6, 11), 3, Rate(3, 11), 2, 7.27, Rate(4, 84), 26, 16, 4));
        Group(byDepartment, "housing").Should().Be(new Row("housing", 4, 2, Rate(2, 4), 1, Rate(1, 4), 1, 3.5, Rate(0, 14), 13, 9, 1));
        RowOf(byDepartment["total"]!.AsObject()).Should().Be(new Row("total", 15, 8, Rate(8, 15), 4, Rate(4, 15), 3, 6.27, Rate(4, 98), 39, 25, 5));

        var byItem = await GetAsync("supervisor", "/api/supervision/figures?from=2025-09-01&to=2025-10-31&groupBy=serviceItem");
        byItem["groupBy"]!.GetValue<string>().Should().Be("serviceItem");
        Keys(byItem).Should().Equal(Company, Construction, Food);
        Group(byItem, Food).Should().Be(new Row(Food, 8, 4, Rate(4, 8), 2, Rate(2, 8), 1, 9.38, Rate(4, 79), 14, 10, 3));
        Group(byItem, Company).Should().Be(new Row(Company, 3, 2, Rate(2, 3), 1, Rate(1, 3), 1, 1.67, Rate(0, 5), 12, 6, 1));
        Group(byItem, Construction).Should().Be(new Row(Construction, 4, 2, Rate(2, 4), 1, Rate(1, 4), 1, 3.5, Rate(0, 14), 13, 9, 1));
        RowOf(byItem["total"]!.AsObject()).Should().Be(new Row("total", 15, 8, Rate(8, 15), 4, Rate(4, 15), 3, 6.27, Rate(4, 98), 39, 25, 5));

        // Decided 10-10..10-16, both ends inclusive: B and R (10-10), F, G, L (10-13), C and I (10-16).
        var window = await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-10&to=2025-10-16");
        Keys(window).Should().Equal("housing", "market");
        Group(window, "market").Should().Be(new Row("market", 6, 3, Rate(3, 6), 1, Rate(1, 6), 1, 5.5, Rate(4, 37), 15, 12, 2));
        Group(window, "housing").Should().Be(new Row("housing", 1, 0, Rate(0, 1), 0, Rate(0, 1), 1, 5, Rate(0, 5), 4, 4, 1));
        RowOf(window["total"]!.AsObject()).Should().Be(new Row("total", 7, 3, Rate(3, 7), 1, Rate(1, 7), 2, 5.43, Rate(4, 42), 19, 16, 3));

        // A department head sees the cases their department leads or reviews: housing leads D M Q R; police reviews J K L only.
        var housing = await GetAsync("head.housing", "/api/supervision/figures?from=2025-09-01&to=2025-10-31");
        Keys(housing).Should().Equal("housing");
        RowOf(housing["total"]!.AsObject()).Should().Be(new Row("total", 4, 2, Rate(2, 4), 1, Rate(1, 4), 1, 3.5, Rate(0, 14), 13, 9, 1));
        var police = await GetAsync("head.police", "/api/supervision/figures?from=2025-09-01&to=2025-10-31&groupBy=serviceItem");
        Keys(police).Should().Equal(Company);
        RowOf(police["total"]!.AsObject()).Should().Be(new Row("total", 3, 2, Rate(2, 3), 1, Rate(1, 3), 1, 1.67, Rate(0, 5), 12, 6, 1));

        var empty = await GetAsync("supervisor", "/api/supervision/figures?from=2024-01-01&to=2024-12-31");
        empty["groups"]!.AsArray().Should().BeEmpty();
        RowOf(empty["total"]!.AsObject()).Should().Be(new Row("total", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-31&to=2025-10-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01&to=2025-10-31&groupBy=officer", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=01/10/2025&to=2025-10-31", HttpStatusCode.BadRequest);
        await GetAsync("reviewer.market", "/api/supervision/figures?from=2025-10-01&to=2025-10-31", HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// Two cases decided while their suspension is still open (nothing stops a decision during a suspension; completion
    /// stops the clocks and leaves the suspension open). Both accepted 09-26 (P 10-10, S 10-30), cards 2/2/1 each.
    /// <code>
    /// S1  suspended from 10-20, decided 10-22: elapsed 14 (#14), suspended 10-20..10-22 = 3, net 11; S skipping them = #23 = 11-04:
    ///     late (10-22 &gt; P 10-10), not overdue.
    /// S2  suspended from 10-31, decided 11-03: elapsed 22 (#22), suspended 10-31, 11-03 = 2, net 20; S = 10-30 (reached before
    ///     the suspension): late and overdue.
    /// market: 2 completed, on time 0, early 0, overdue 1, (11+20)/2 = 15.5, suspended 5/36, 4/4/2.
    /// </code>
    /// </summary>
    [Fact]
    public async Task Figures_CaseDecidedWhileSuspended_IsMeasuredAgainstItsDueDays()
    {
        SetClock("2025-09-26T09:00:00");
        var s1 = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var s2 = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        SetClock("2025-10-20T09:00:00");
        (await SweepAsync()).Should().Be(10, "step prompt and yellow, case prompt, yellow and red of both");
        await SuspendAsync(s1, "2025-10-20");
        SetClock("2025-10-22T10:00:00");
        await ApproveReviewsAsync(s1);
        SetClock("2025-10-31T09:00:00");
        await SuspendAsync(s2, "2025-10-31");
        SetClock("2025-11-03T10:00:00");
        await ApproveReviewsAsync(s2);

        var figures = await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01&to=2025-11-30");
        Group(figures, "market").Should().Be(new Row("market", 2, 0, Rate(0, 2), 0, Rate(0, 2), 1, 15.5, Rate(5, 36), 4, 4, 2));
    }

    private sealed record Expected(string Accepted, string PromisedDue, string StatutoryDue, string? Decided, int Prompts, int Yellow, int Red);

    private sealed record Actual(string Accepted, string PromisedDue, string StatutoryDue, string? Decided, int Prompts, int Yellow, int Red);

    private sealed record Row(
        string Key, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyCompletionRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, double SuspendedShare, int Prompts, int YellowCards, int RedCards);

    /// <summary>The fraction <paramref name="part"/>/<paramref name="whole"/> as the endpoint writes it: 4 decimal places, 0 for an empty whole.</summary>
    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static List<string> Keys(JsonObject figures) => figures["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()).ToList();

    private static Row Group(JsonObject figures, string key) =>
        RowOf(figures["groups"]!.AsArray().OfType<JsonObject>().Single(g => g["key"]!.GetValue<string>() == key));

    private static Row RowOf(JsonObject g) => new(
        g["key"]!.GetValue<string>(), g["completed"]!.GetValue<int>(), g["onTime"]!.GetValue<int>(), g["onTimeRate"]!.GetValue<double>(),
        g["early"]!.GetValue<int>(), g["earlyCompletionRate"]!.GetValue<double>(), g["statutoryOverdue"]!.GetValue<int>(),
        g["averageWorkingDaysUsed"]!.GetValue<double>(), g["suspendedShare"]!.GetValue<double>(), g["prompts"]!.GetValue<int>(),
        g["yellowCards"]!.GetValue<int>(), g["redCards"]!.GetValue<int>());

    /// <summary>Suspends the case's running clocks from <paramref name="from"/> for an expert review, as the lead department's head; answers the suspension id.</summary>
    private async Task<string> SuspendAsync(string caseId, string from)
    {
        var answer = await HttpJson.ReadAsync(await (await Driver.As("head.market")).PostAsJsonAsync($"/api/cases/{caseId}/suspensions",
            new { type = "ExpertReview", from, expectedWorkingDays = 2, notice = "Expert review of the kitchen design 专家评审" }), HttpStatusCode.OK);
        CaseClock(answer)["suspended"]!.GetValue<bool>().Should().BeTrue();
        return answer["suspensionId"]!.GetValue<string>();
    }

    /// <summary>Ends the suspension on <paramref name="to"/> (inclusive); answers the case clock as the route shows it.</summary>
    private async Task<JsonObject> EndSuspensionAsync(string caseId, string suspensionId, string to) =>
        CaseClock(await HttpJson.ReadAsync(await (await Driver.As("head.market")).PostAsJsonAsync($"/api/cases/{caseId}/suspensions/{suspensionId}/end", new { to }),
            HttpStatusCode.OK));

    /// <summary>The department's reviewer rejects its open review (under AllRequired the case is refused at once).</summary>
    private async Task RejectReviewAsync(string caseId, string department)
    {
        var review = (await Driver.TasksAsync(caseId, "Review")).Single(t => t["department"]!.GetValue<string>() == department);
        var reviewer = $"reviewer.{department}";
        var id = review["id"]!.GetValue<string>();
        await HttpJson.ReadAsync(await (await Driver.As(reviewer)).PostAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.OK);
        await Driver.DecideOkAsync(reviewer, id, "Rejected", "Fire exits insufficient 消防通道不足");
    }
}
