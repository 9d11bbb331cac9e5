using Microsoft.AspNetCore.Components.Authorization;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;
using OneStop.Workflows.Server.Ui.Account;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// How a page calls a use case: in a fresh DI scope (its own DbContext, as one HTTP request has), as the circuit's
/// signed-in user, after the same session and account checks an API request passes. Pages never inject a use case
/// (a circuit's scope lives for hours; two clicks would share one DbContext).
/// </summary>
public sealed class UseCaseRunner(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, StaffSessions sessions, AccountStandings standings)
{
    /// <summary>The refusal code of a call made after the session ended or the account changed; the page sends the user to sign-in.</summary>
    public const string SignedOutCode = "signed-out";

    /// <summary>Runs <paramref name="call"/> on a fresh <typeparamref name="TUseCase"/> as the signed-in user.</summary>
    public async Task<Result<T>> RunAsync<TUseCase, T>(Func<TUseCase, Actor, CancellationToken, Task<Result<T>>> call, CancellationToken ct = default)
        where TUseCase : notnull
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        if (Hosting.CurrentUser.From(principal) is not { } actor
            || !await UiAuthenticationStateProvider.StillSignedInAsync(sessions, standings, principal, ct))
        {
            return new Refusal(RefusalKind.Forbidden, SignedOutCode, "Your session has ended; sign in again.");
        }

        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TUseCase>(), actor, ct);
    }

    /// <summary>Runs a use case that has no acting user (the applicant's progress query) in a fresh scope.</summary>
    public async Task<Result<T>> RunAnonymousAsync<TUseCase, T>(Func<TUseCase, CancellationToken, Task<Result<T>>> call, CancellationToken ct = default)
        where TUseCase : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TUseCase>(), ct);
    }

    /// <summary>The signed-in user of this circuit, or null.</summary>
    public async Task<Actor?> ActorAsync() => Hosting.CurrentUser.From((await authentication.GetAuthenticationStateAsync()).User);
}
