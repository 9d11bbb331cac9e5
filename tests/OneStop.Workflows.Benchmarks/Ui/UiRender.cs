using System.Diagnostics;
using Microsoft.Playwright;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// The pages' render on the real server (Release, its own process, on the seeded database) in Debian's Chromium driven by
/// Playwright (<c>/usr/bin/chromium</c>, or <c>ONESTOP_CHROMIUM</c>). The pages are interactive server components without
/// prerendering, so the first HTML is only the shell: two numbers per page, both honest about what they are.
/// <list type="bullet">
/// <item><b>HTML</b>: the signed-in GET of the page's address (the shell), through the context's cookie.</item>
/// <item><b>Rendered</b>: from the navigation to the moment the page's <c>h1</c> is shown and no progress indicator is left —
/// shell, script, circuit, the use cases and the first render batches. This is the user's wait, more than the server's
/// part.</item>
/// <item><b>In circuit</b>: from <c>Blazor.navigateTo</c> (what a drawer link does: no new page load, the open circuit renders
/// the page) to the same state. This is the server's render of the page — its use cases and render batches over the
/// circuit, plus the browser applying them — and is what is compared with the 200 ms target.</item>
/// </list>
/// </summary>
internal static class UiRender
{
    private const int Runs = 15;
    private const int Warmups = 2;
    private const string Ready = "() => document.querySelector('h1') !== null && document.querySelector('.mud-progress-linear, .mud-progress-circular, .mud-skeleton') === null";

    public static async Task<bool> RunAsync(string connectionString, bool skipBuild, Action<string> line)
    {
        var (taskId, caseId) = await SampleAsync(connectionString);
        await using var server = await ServerProcess.StartAsync(LoadCommand.RepositoryRoot(), connectionString, LoadCommand.FreePort(), skipBuild);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true });
        var pages = new (string User, string Path, string Name)[]
        {
            ("reviewer.market", "/", "Home (reviewer's desk)"),
            ("reviewer.market", "/inbox", "Inbox (market, by due)"),
            ("reviewer.market", "/inbox/tasks/" + taskId, "Task"),
            ("reviewer.market", "/cases/" + caseId, "Case"),
            ("reviewer.market", "/supervision/alerts", "Live alerts"),
            ("supervisor", "/", "Home (supervisor's desk)"),
            ("supervisor", "/supervision/board", "Card board"),
            ("clerk.market", "/window/desk", "Acceptance desk"),
            ("clerk.market", "/window/new", "New application"),
            ("admin", "/admin/clock", "Simulated clock"),
        };

        line("");
        line($"Pages on the real server (Release) in headless Chromium, {Runs} loads each after {Warmups} warm-up loads, one signed-in browser context per user:");
        line("");
        line("| Page | user | HTML p50 / p99 ms | full load p50 / p99 ms | in circuit p50 ms | in circuit p95 ms | in circuit p99 ms | target | met |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---|");
        var allMet = true;
        foreach (var group in pages.GroupBy(p => p.User))
        {
            await using var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            await SignInAsync(page, group.Key);
            foreach (var (_, path, name) in group)
            {
                var html = new List<double>();
                var rendered = new List<double>();
                var circuit = new List<double>();
                var bounce = path == "/" ? (group.Key == "admin" ? "/admin/clock" : "/supervision/alerts") : "/";
                for (var i = 0; i < Warmups + Runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var response = await context.APIRequest.GetAsync(path);
                    var htmlMs = sw.Elapsed.TotalMilliseconds;
                    if (!response.Ok)
                    {
                        throw new InvalidOperationException($"GET {path} as {group.Key} answered {response.Status}.");
                    }

                    sw.Restart();
                    await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
                    await page.WaitForFunctionAsync(Ready, null, new() { Timeout = 30_000, PollingInterval = 5 });
                    var fullMs = sw.Elapsed.TotalMilliseconds;
                    await NavigateInCircuitAsync(page, bounce);
                    sw.Restart();
                    await NavigateInCircuitAsync(page, path);
                    if (i >= Warmups)
                    {
                        circuit.Add(sw.Elapsed.TotalMilliseconds);
                        rendered.Add(fullMs);
                        html.Add(htmlMs);
                    }
                }

                html.Sort();
                rendered.Sort();
                circuit.Sort();
                var p99 = UiCommand.Percentile(circuit, 0.99);
                var met = p99 <= 200;
                allMet &= met;
                line($"| {name} (`{Shorten(path)}`) | {group.Key} | {UiCommand.Percentile(html, 0.5):F0} / {UiCommand.Percentile(html, 0.99):F0} | " +
                     $"{UiCommand.Percentile(rendered, 0.5):F0} / {UiCommand.Percentile(rendered, 0.99):F0} | " +
                     $"{UiCommand.Percentile(circuit, 0.5):F0} | {UiCommand.Percentile(circuit, 0.95):F0} | {p99:F0} | ≤ 200 | {(met ? "met" : "**missed**")} |");
            }
        }

        line("");
        return allMet;
    }

    /// <summary>Navigates inside the open circuit and waits for the new page's heading with nothing loading.</summary>
    private static async Task NavigateInCircuitAsync(IPage page, string path)
    {
        await page.EvaluateAsync("p => { document.querySelectorAll('h1').forEach(h => h.dataset.stale = '1'); Blazor.navigateTo(p); }", path);
        await page.WaitForFunctionAsync(
            "p => location.pathname === p && document.querySelector('h1:not([data-stale])') !== null && document.querySelector('.mud-progress-linear, .mud-progress-circular, .mud-skeleton') === null",
            path, new() { Timeout = 30_000, PollingInterval = 5 });
    }

    private static string Shorten(string path) => path.Length > 24 ? path[..22] + "…" : path;

    internal static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(用户名|User name)$")).FillAsync(user);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(密码|Password)$")).FillAsync("Demo123!");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }

    /// <summary>The market review shown first in the inbox by due, and its case: the task and case pages' subjects.</summary>
    private static async Task<(Guid Task, Guid Case)> SampleAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT id, case_id FROM onestop.tasks WHERE department = 'market' AND kind = 'Review' AND status = 'Open' ORDER BY created_at DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetGuid(0), reader.GetGuid(1)) : throw new InvalidOperationException("No open market review.");
    }

    internal static string Chromium() =>
        Environment.GetEnvironmentVariable("ONESTOP_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
}
