using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks.Designer;

/// <summary>
/// The designer's first editor load (issue 11, acceptance 7): a signed-in designer opens <c>restaurant-opening</c> in the
/// real Elsa Studio at <c>/designer/editor/…</c> on the real Release server, in Debian's headless Chromium with an empty
/// cache (a new browser context per run), until the canvas shows the flow's four department reviews; then the same editor
/// again in that context (the browser's cache warm). Reports requests, bytes as sent (brotli where the Studio ships
/// <c>.br</c> files) and unpacked, the largest files and the time to the drawn canvas.
/// </summary>
internal static class DesignerLoadCommand
{
    private const string Editor = "/designer/editor/restaurant-opening";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var connectionString = await postgres.CreateDatabaseAsync("designerbench");
        await using var server = await ServerProcess.StartAsync(LoadCommand.RepositoryRoot(), connectionString, LoadCommand.FreePort(), args.Contains("--no-build"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Ui.UiRender.Chromium(), Headless = true });

        var cold = new List<Load>();
        var warm = new List<Load>();
        for (var run = 0; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 1920, Height = 1000 } });
            var page = await context.NewPageAsync();
            await Ui.UiRender.SignInAsync(page, "designer");
            cold.Add(await LoadAsync(page, unpacked: run == 0));
            await page.GotoAsync("/");
            warm.Add(await LoadAsync(page, unpacked: false));
        }

        Console.WriteLine();
        Console.WriteLine($"## Designer: first editor load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"Command: `dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- designer-load {string.Join(' ', args)}`");
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; Chromium {browser.Version} headless; the Release server and PostgreSQL on the same machine (loopback); `{Editor}` as `designer`, {runs} run(s).");
        Console.WriteLine();
        Console.WriteLine("| load | requests | bytes as sent | of them from this server's API (`/elsa/api`) | time to the drawn canvas p50 / max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Row("first (empty cache)", cold));
        Console.WriteLine(Row("again (cache warm)", warm));
        var first = cold[0];
        Console.WriteLine();
        Console.WriteLine($"Unpacked (as the browser decoded them), first load: {Mb(first.Files.Sum(f => f.Unpacked))}; by kind:");
        Console.WriteLine();
        Console.WriteLine("| kind | files | as sent | unpacked |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var kind in first.Files.GroupBy(f => f.Kind).OrderByDescending(g => g.Sum(f => f.Sent)))
        {
            Console.WriteLine($"| {kind.Key} | {kind.Count()} | {Mb(kind.Sum(f => f.Sent))} | {Mb(kind.Sum(f => f.Unpacked))} |");
        }

        Console.WriteLine();
        Console.WriteLine("Largest files as sent: " + string.Join(", ", first.Files.OrderByDescending(f => f.Sent).Take(5).Select(f => $"`{f.Name}` {Mb(f.Sent)} ({f.Encoding ?? "identity"})")) + ".");
        return 0;
    }

    private sealed record FileLoad(string Name, string Kind, long Sent, long Unpacked, string? Encoding, bool Api);

    private sealed record Load(IReadOnlyList<FileLoad> Files, double Milliseconds);

    private static async Task<Load> LoadAsync(IPage page, bool unpacked)
    {
        var responses = new List<IResponse>();
        void OnResponse(object? sender, IResponse response) => responses.Add(response);
        page.Response += OnResponse;
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(Editor);
        await Assertions.Expect(page.Locator(".x6-node").Filter(new() { HasText = "部门审查" })).ToHaveCountAsync(4, new() { Timeout = 120_000 });
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Response -= OnResponse;

        var files = new List<FileLoad>();
        foreach (var response in responses.ToList())
        {
            var sizes = await response.Request.SizesAsync();
            var headers = await response.AllHeadersAsync();
            var path = new Uri(response.Url).AbsolutePath;
            var body = unpacked && response.Status == 200 ? await UnpackedAsync(response) : 0;
            files.Add(new FileLoad(Path.GetFileName(path), KindOf(path), sizes.ResponseBodySize + sizes.ResponseHeadersSize, body,
                headers.TryGetValue("content-encoding", out var encoding) ? encoding : null, path.StartsWith("/elsa/api", StringComparison.Ordinal)));
        }

        return new Load(files, elapsed);
    }

    /// <summary>The decoded body's length; 0 for the few responses the browser no longer holds (a page it navigated away from).</summary>
    private static async Task<long> UnpackedAsync(IResponse response)
    {
        try
        {
            return (await response.BodyAsync()).LongLength;
        }
        catch (PlaywrightException)
        {
            return 0;
        }
    }

    private static string KindOf(string path) => path switch
    {
        _ when path.StartsWith("/elsa/api", StringComparison.Ordinal) => "API (JSON)",
        _ when path.EndsWith(".wasm", StringComparison.Ordinal) || path.EndsWith(".dat", StringComparison.Ordinal) || path.EndsWith(".dll", StringComparison.Ordinal) => "WebAssembly and assemblies",
        _ when path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal) => "JavaScript",
        _ when path.EndsWith(".css", StringComparison.Ordinal) => "CSS",
        _ when path.EndsWith(".json", StringComparison.Ordinal) => "boot JSON",
        _ when path.StartsWith("/designer", StringComparison.Ordinal) && !Path.HasExtension(path) => "host page",
        _ => "other",
    };

    private static string Row(string name, List<Load> loads)
    {
        var times = loads.Select(l => l.Milliseconds).Order().ToList();
        var first = loads[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {first.Files.Count} | {Mb(first.Files.Sum(f => f.Sent))} | {first.Files.Count(f => f.Api)} requests, {Kb(first.Files.Where(f => f.Api).Sum(f => f.Sent))} | {times[times.Count / 2]:F0} / {times[^1]:F0} |");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:F2} MB");

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB");
}
