using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>
/// Issue 8 finding 18(a, b): the built server started as <c>dotnet OneStop.Workflows.Server.dll</c> from another folder
/// reads its own settings and workflows; a busy port is a clear start-up error with a non-zero exit code.
/// </summary>
public sealed class ServerProcess_Issue8Tests : IDisposable
{
    private static readonly string ServerFolder = Path.Combine(RepositoryFolders.Root, "src", "OneStop.Workflows.Server", "bin",
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!),
        Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)));

    private readonly string _elsewhere = Directory.CreateTempSubdirectory("onestop-elsewhere-").FullName;

    [Fact]
    public async Task Server_StartedFromAnotherFolder_ReadsItsOwnSettingsAndWorkflows()
    {
        using var server = Start($"http://127.0.0.1:{FreePort()}");
        var lines = new List<string>();
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Contains("Content root path:", StringComparison.Ordinal))
            {
                break;
            }
        }

        server.Kill(entireProcessTree: true);
        var log = string.Join('\n', lines);
        log.Should().Contain("Now listening on");
        log.Should().Contain($"Importing workflow definitions from {Path.Combine(ServerFolder, "workflows")}", "the workflows shipped next to the app");
        log.Should().Contain("Content root path: " + ServerFolder, "appsettings.json is read from the app's folder");
        log.Should().NotContain("Executed DbCommand", "appsettings.json keeps EF Core's command log at Warning");
        log.Should().NotContain("No workflows folder found");
    }

    [Fact]
    public async Task Server_OnABusyPort_SaysSoAndExitsWithCode2()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        using var server = Start($"http://127.0.0.1:{port}");
        var output = server.StandardOutput.ReadToEndAsync();
        var errors = server.StandardError.ReadToEndAsync();
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // only so that a hang cannot block the run
        await server.WaitForExitAsync(safety.Token);

        server.ExitCode.Should().Be(ServerStart.CannotListenExitCode);
        var log = await output + await errors;
        log.Should().Contain($"The server cannot listen on http://127.0.0.1:{port}").And.Contain("--urls or ASPNETCORE_URLS");
        log.Should().NotContain("Unhandled exception");
    }

    [Theory]
    [InlineData(true, new string[0], null, "work")] // dotnet run in the project folder, or started in the app folder
    [InlineData(false, new string[0], null, "app")] // dotnet /opt/onestop/OneStop.Workflows.Server.dll from anywhere
    [InlineData(false, new[] { "--contentRoot", "/srv" }, null, null)] // given explicitly: the host decides
    [InlineData(false, new string[0], "/srv", null)]
    public void ContentRoot_IsTheWorkingDirectoryWithSettings_ElseTheAppFolder(bool settingsInWorkingDirectory, string[] args, string? environment, string? expected)
    {
        var work = Directory.CreateDirectory(Path.Combine(_elsewhere, "work")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_elsewhere, "app")).FullName;
        if (settingsInWorkingDirectory)
        {
            File.WriteAllText(Path.Combine(work, "appsettings.json"), "{}");
        }

        var root = ServerStart.ContentRoot(args, work, app, name => name == "ASPNETCORE_CONTENTROOT" ? environment : null);

        root.Should().Be(expected switch { "work" => work, "app" => app, _ => null });
    }

    [Fact]
    public void WorkflowsFolder_IsTheSettingElseTheAppsOwnElseTheNearestAboveTheWorkingDirectory()
    {
        var app = Directory.CreateDirectory(Path.Combine(_elsewhere, "app")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(_elsewhere, "repo", "src", "deep")).FullName;
        var repoWorkflows = Directory.CreateDirectory(Path.Combine(_elsewhere, "repo", "workflows")).FullName;

        WorkflowFileImporter.ResolveFolder(null, app, work).Should().Be(repoWorkflows, "the app ships none here: the nearest above the working directory");
        var shipped = Directory.CreateDirectory(Path.Combine(app, "workflows")).FullName;
        WorkflowFileImporter.ResolveFolder(null, app, work).Should().Be(shipped, "the app's own folder comes first");
        WorkflowFileImporter.ResolveFolder("../../workflows", app, work).Should().Be(repoWorkflows, "a setting is relative to the working directory");
        WorkflowFileImporter.ResolveFolder("/no/such/folder", app, work).Should().BeNull("a missing configured folder is reported, not replaced");
    }

    public void Dispose() => Directory.Delete(_elsewhere, recursive: true);

    private Process Start(string urls)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(ServerFolder, "OneStop.Workflows.Server.dll"), "--urls", urls])
        {
            WorkingDirectory = _elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Supervision__Enabled"] = "false";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
