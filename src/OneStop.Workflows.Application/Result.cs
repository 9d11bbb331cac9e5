using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application;

/// <summary>What a use case answers: the value, or the one <see cref="Domain.Shared.Refusal"/> (then nothing changed).</summary>
public readonly record struct Result<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);
}
