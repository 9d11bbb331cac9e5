namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>
/// The browser the tests drive: Debian's Chromium (<c>apt-get install chromium fonts-noto-cjk</c>, as <c>.ci/run</c>
/// does), or the executable in <c>ONESTOP_CHROMIUM</c>. Playwright never downloads one. Missing → the tests fail and say
/// what to install (they are never skipped).
/// </summary>
public static class SystemChromium
{
    public const string Variable = "ONESTOP_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string ExecutablePath()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured}, but no such file exists.");
        }

        return Candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "No Chromium found (looked for " + string.Join(", ", Candidates) + "). Install Debian's package: " +
            "apt-get install -y chromium fonts-noto-cjk (or set " + Variable + " to a Chromium executable).");
    }
}
