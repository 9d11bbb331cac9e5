namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// Thrown by a store when a write lost a race (a version check failed or a unique key clashed).
/// The host retries from fresh state; it never reaches an API caller.
/// </summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
