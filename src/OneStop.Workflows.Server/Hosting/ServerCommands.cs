using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Application.Staff;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// The server's command-line verbs, run instead of the server: <c>create-admin --user NAME [--display-name "…"]</c>
/// creates the first administrator on the configured database (migrated as the server does), with the password from
/// <c>ONESTOP_ADMIN_PASSWORD</c> or else the first line of standard input. Other arguments are settings, as for the server.
/// Exit codes: 0 created, 1 refused (an administrator exists, the name is taken), 2 bad usage or a password the rules refuse.
/// </summary>
public static class ServerCommands
{
    public const string CreateAdmin = "create-admin";
    public const string PasswordVariable = "ONESTOP_ADMIN_PASSWORD";

    private const string Usage =
        "Usage: OneStop.Workflows.Server create-admin --user NAME [--display-name \"NAME\"] [settings…]\n" +
        $"The password is read from the environment variable {PasswordVariable}, or else from the first line of standard input.";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == CreateAdmin;

    /// <summary>Runs the verb in <paramref name="args"/>[0]; <paramref name="environment"/> reads environment variables (tests pass their own).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error,
        Func<string, string?>? environment = null, CancellationToken ct = default)
    {
        string? userName = null, displayName = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user" when i + 1 < args.Length:
                    userName = args[++i];
                    break;
                case "--display-name" when i + 1 < args.Length:
                    displayName = args[++i];
                    break;
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    settings.Add(args[i]);
                    break;
            }
        }

        if (userName is null)
        {
            await error.WriteLineAsync($"create-admin: --user NAME is required.\n{Usage}");
            return 2;
        }

        var password = (environment ?? Environment.GetEnvironmentVariable)(PasswordVariable) ?? await input.ReadLineAsync(ct);
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync($"create-admin: no password: set {PasswordVariable} or write it as the first line of standard input.");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(ServerStart.Options([.. settings])); // the server's own settings, from any folder
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOneStopServer();
        await using var app = builder.Build();
        await output.WriteLineAsync($"OneStop.Workflows database: {app.Services.GetRequiredService<OneStopDatabaseOptions>().Describe()}");
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await app.Services.MigrateOneStopDatabaseAsync(ct);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CreateAdministrator>().ExecuteAsync(
            new CreateAdministrator.Command(userName, displayName, password), SystemActor.Cli, ct);
        if (outcome.Refusal is { } refusal)
        {
            var reasons = refusal.Errors is { } errors ? string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))) : refusal.Message;
            await error.WriteLineAsync($"create-admin refused: {reasons}");
            return refusal.Kind == Domain.Shared.RefusalKind.Invalid ? 2 : 1;
        }

        await output.WriteLineAsync($"Administrator '{userName}' created (audited as {AuditActions.AdministratorCreated}). Sign in with POST /api/auth/token.");
        return 0;
    }
}
