namespace OneStop.Workflows.Testing;

/// <summary>Settings every in-process test server starts with, whatever else it configures.</summary>
public static class TestServerSettings
{
    /// <summary>
    /// The demo centre and users (<c>Seed:DemoCentre</c>: the Testing environment has it off), account standings read on
    /// every request (a change made in the database shows at once), and rate limits far above what a test sends (every
    /// test client is the same address).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Common { get; } = new Dictionary<string, string?>
    {
        ["Seed:DemoCentre"] = "true",
        ["Auth:AccountCheckSeconds"] = "0",
        ["RateLimits:SignInPerClient:PermitLimit"] = "1000000",
        ["RateLimits:SignInPerUserName:PermitLimit"] = "1000000",
        ["RateLimits:ProgressQueryPerClient:PermitLimit"] = "1000000",
        ["RateLimits:ProgressQueryPerCaseNumber:PermitLimit"] = "1000000",
    };
}
