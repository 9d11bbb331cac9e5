namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Cancelled when the server begins to shut down (the host's <c>ApplicationStopping</c>). Work that must not hold up a
/// shutdown (a definition save) links it with the request's token. A service of its own so that a test can fire it
/// without stopping the test server.
/// </summary>
public sealed record ServerStopping(CancellationToken Token);
