using System.Diagnostics;
using System.Globalization;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// The real server, built in Release and run as its own process on a loopback port against the load's PostgreSQL database,
/// with the demo centre seeded and supervision (the Hangfire sweep) on, as a service centre runs it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <param name="settings">Extra environment for the server (configuration keys in <c>__</c> form), over the defaults
    /// below; the chaos suite (issue 12) sets a short sweep interval with it.</param>
    /// <param name="serverOutput">Where the server's output lines go; null echoes them to the console (the load's default).</param>
    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string connectionString, int port, bool skipBuild,
        IReadOnlyDictionary<string, string>? settings = null, Action<string>? serverOutput = null)
    {
        var project = Path.Combine(repositoryRoot, "src", "OneStop.Workflows.Server", "OneStop.Workflows.Server.csproj");
        var output = Path.Combine(repositoryRoot, "src", "OneStop.Workflows.Server", "bin", "Release", "net10.0");
        if (!skipBuild)
        {
            Console.WriteLine("Building the server in Release …");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var log = await build.StandardOutput.ReadToEndAsync() + await build.StandardError.ReadToEndAsync();
            await build.WaitForExitAsync();
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("The server's Release build failed:" + Environment.NewLine + log);
            }
        }

        var dll = Path.Combine(output, "OneStop.Workflows.Server.dll");
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
                ["ASPNETCORE_URLS"] = url,
                ["Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__OneStop"] = connectionString,
                ["Workflows__Directory"] = Path.Combine(repositoryRoot, "workflows"),
                ["Seed__DemoCentre"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, new Uri(url));
        var write = serverOutput ?? Echo;
        process.OutputDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) { write(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) { write(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync(); // never leave a server that did not come up running behind the caller
            throw;
        }

        return server;
    }

    /// <summary>CPU time the server process has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime => ProcessCpu.Of(_process.Id);

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but slow to answer while it starts (issue 12: a second node starting on a loaded machine); ask again
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The server was not healthy within 2 minutes.");
    }

    /// <summary>Kills the server at once (SIGKILL, as <c>kill -9</c>): no shutdown, no flushing; the chaos suite's process crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private static void Echo(string line) => Console.WriteLine("   [server] " + line);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>CPU time of processes, read from <c>/proc/PID/stat</c> (Linux).</summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = ClockTicks();

    /// <summary>User + system time of one process.</summary>
    public static TimeSpan Of(int pid) => Read(pid, includeReapedChildren: false);

    /// <summary>
    /// PostgreSQL's CPU: the postmaster (named in the first line of <c>postmaster.pid</c>), its live children (backends,
    /// background workers) and, through the postmaster's reaped-children counters, the backends that have exited.
    /// </summary>
    public static TimeSpan OfPostgres(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var total = Read(postmaster, includeReapedChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && Fields(pid) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
            {
                total += Read(pid, includeReapedChildren: false);
            }
        }

        return total;
    }

    private static TimeSpan Read(int pid, bool includeReapedChildren)
    {
        var fields = Fields(pid);
        if (fields is null)
        {
            return TimeSpan.Zero;
        }

        // After the command's closing parenthesis: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (includeReapedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double ClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100; // the Linux default
        }
    }
}
