using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// How the server process starts and stops: its content root (where <c>appsettings*.json</c> are read from) and a clear
/// message and exit code when it cannot listen.
/// </summary>
public static class ServerStart
{
    /// <summary>The exit code when the server cannot listen (the address is in use or not allowed).</summary>
    public const int CannotListenExitCode = 2;

    /// <summary>The builder options: <paramref name="args"/> and the content root of <see cref="ContentRoot"/>.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRoot(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
    };

    /// <summary>
    /// The working directory when it holds <c>appsettings.json</c> (<c>dotnet run</c> in the project folder, or started
    /// in the app's folder), else the app's own folder (<c>dotnet /opt/onestop/OneStop.Workflows.Server.dll</c> from
    /// anywhere), so the shipped settings are always read. Null, leaving it to the host, when a content root is given
    /// explicitly (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c>).
    /// </summary>
    public static string? ContentRoot(IReadOnlyList<string> args, string workingDirectory, string appFolder, Func<string, string?> environment)
    {
        var explicitRoot = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT")) || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        if (explicitRoot)
        {
            return null;
        }

        return File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? workingDirectory : appFolder;
    }

    /// <summary>
    /// Runs the server until it stops; answers the process exit code. A busy or forbidden address is a clear
    /// start-up error (logged as critical, exit code <see cref="CannotListenExitCode"/>), not an unhandled exception.
    /// </summary>
    public static async Task<int> RunOneStopAsync(this WebApplication app)
    {
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception e) when (e is AddressInUseException or IOException { InnerException: AddressInUseException or SocketException })
            {
                app.Logger.LogCritical(
                    "The server cannot listen on {Urls}: {Reason} Another program (or another OneStop server) may be using the port; " +
                    "stop it, or choose another address with --urls or ASPNETCORE_URLS (e.g. http://localhost:5081).",
                    app.Configuration[WebHostDefaults.ServerUrlsKey] ?? ServerSetup.DefaultUrl, e.Message);
                return CannotListenExitCode;
            }

            try
            {
                await app.WaitForShutdownAsync();
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // A hosted service (Hangfire's server) gives up once the shutdown timeout has passed: the stop was asked for,
                // so it is a slow stop, not a crash.
                app.Logger.LogWarning("The server stopped after its shutdown timeout; work still running then was abandoned.");
            }

            return 0;
        }
    }
}
