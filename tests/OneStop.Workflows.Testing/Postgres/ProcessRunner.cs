using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OneStop.Workflows.Testing.Postgres;

/// <summary>Output of a finished child process.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() =>
        $"'{Command}' exited with code {ExitCode}.{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{StandardOutput.TrimEnd()}{Environment.NewLine}" +
        $"--- stderr ---{Environment.NewLine}{StandardError.TrimEnd()}";
}

/// <summary>Runs child processes with captured output and a hard timeout.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs the program and throws <see cref="InvalidOperationException"/> on a non-zero exit code.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, CancellationToken ct = default)
    {
        var result = await RunAsync(fileName, arguments, timeout, workingDirectory, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }

        return result;
    }

    /// <summary>Runs the program and returns its exit code and output; throws <see cref="TimeoutException"/> on timeout.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, CancellationToken ct = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        var command = string.Join(' ', new[] { fileName }.Concat(startInfo.ArgumentList.Select(Quote)));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException($"Could not start '{command}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s and was killed.");
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        return new ProcessResult(command, process.ExitCode, stdout, stderr);
    }

    /// <summary>True when the current process runs with effective user id 0 (root) on a Unix system.</summary>
    public static bool IsRoot() => !OperatingSystem.IsWindows() && NativeMethods.geteuid() == 0;

    /// <summary>Finds an executable file by name in the directories of the PATH environment variable.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && LinkTargetExists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>False for a dangling symbolic link (e.g. /usr/local/bin/initdb after PostgreSQL was removed).</summary>
    private static bool LinkTargetExists(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is not { } target || target.Exists;

    /// <summary>Finds initdb and pg_ctl on PATH, else in the highest-numbered /usr/lib/postgresql/*/bin.</summary>
    public static (string InitDb, string PgCtl) FindPostgresBinaries(string externalServerVariable)
    {
        var initDb = FindOnPath("initdb");
        var pgCtl = FindOnPath("pg_ctl");
        if (initDb is not null && pgCtl is not null)
        {
            return (initDb, pgCtl);
        }

        const string debianRoot = "/usr/lib/postgresql";
        var binDir = (Directory.Exists(debianRoot) ? Directory.GetDirectories(debianRoot) : [])
            .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1m))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
        return binDir is not null
            ? (Path.Combine(binDir, "initdb"), Path.Combine(binDir, "pg_ctl"))
            : throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) are required for the integration tests but were not found on PATH " +
                $"or in {debianRoot}/*/bin. Install the Debian package 'postgresql' (apt-get install -y postgresql), " +
                $"or set {externalServerVariable} to an admin connection string of an existing server.");
    }

    /// <summary>Binds 127.0.0.1:0 to let the OS pick a free port, then releases it.</summary>
    public static int GetFreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Kills the postmaster whose pid is on the first line of <c>postmaster.pid</c>.</summary>
    public static void KillPostmaster(string dataDir)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The server is already gone or the pid file is unreadable.
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already exited or cannot be killed; nothing more to do.
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : $"\"{argument}\"";

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "geteuid")]
        public static extern uint geteuid();
    }
}
