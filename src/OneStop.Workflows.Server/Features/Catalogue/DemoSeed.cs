namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>
/// <c>Seed:DemoCentre</c>: whether start-up seeds the demo centre (departments, items) and its demo users, who all share the
/// README's published password. Defaults on only in the Development environment (the README's <c>dotnet run</c>), off in
/// every other; turning it on in Production stops the server with a message.
/// </summary>
public static class DemoSeed
{
    public const string Key = "Seed:DemoCentre";

    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return environment.IsDevelopment();
        }

        return bool.TryParse(text, out var on) ? on : throw new InvalidOperationException($"{Key}='{text}' is not true or false.");
    }

    /// <summary>Stops the start when the seed is on in Production (and reads a bad value early).</summary>
    public static void RefuseInProduction(WebApplicationBuilder builder)
    {
        if (IsOn(builder.Configuration, builder.Environment) && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{Key}=true is refused in the Production environment: the demo users all share the password published in the README. " +
                "Remove the setting, and create the first administrator with the create-admin command (docs/operations.md, \"The first administrator\").");
        }
    }
}
