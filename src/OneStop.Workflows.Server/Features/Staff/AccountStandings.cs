using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>What a token or cookie is checked against on every request: the account's stamp, whether it is active, whether its password must change.</summary>
public sealed record AccountStanding(string SecurityStamp, bool IsActive, bool MustChangePassword)
{
    public static AccountStanding Of(UserAccount user) => new(user.SecurityStamp, user.IsActive, user.MustChangePassword);
}

/// <summary>
/// The accounts' current standing, read from <c>users</c> and kept for <c>Auth:AccountCheckSeconds</c> (default
/// <see cref="DefaultCacheSeconds"/>; 0 = read on every request). A change on this node forgets the entry at once, so the
/// node that disabled a user or changed their role or password refuses their tokens on the next request; other nodes
/// within the cache time.
/// </summary>
public sealed class AccountStandings(IDbContextFactory<OneStopDbContext> databases, IMemoryCache cache, IConfiguration configuration)
{
    public const string CacheSecondsKey = "Auth:AccountCheckSeconds";
    public const int DefaultCacheSeconds = 10;
    public const int MaxCacheSeconds = 30;

    /// <summary>The claim that carries the account's security stamp in tokens and cookies.</summary>
    public const string StampClaim = "onestop:stamp";

    private readonly TimeSpan _keep = TimeSpan.FromSeconds(ReadCacheSeconds(configuration));

    /// <summary>How long a standing is kept, from the setting (0–30 s); a bad value stops the server with a message.</summary>
    public static int ReadCacheSeconds(IConfiguration configuration)
    {
        var text = configuration[CacheSecondsKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultCacheSeconds;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxCacheSeconds
            ? seconds
            : throw new InvalidOperationException($"{CacheSecondsKey}='{text}' is not a number of seconds from 0 to {MaxCacheSeconds}.");
    }

    /// <summary>The stamp a principal carries ('' for tokens issued before stamps existed, matching accounts never changed since).</summary>
    public static string StampOf(ClaimsPrincipal principal) => principal.FindFirstValue(StampClaim) ?? string.Empty;

    /// <summary>The standing of the account, or null when it does not exist.</summary>
    public async Task<AccountStanding?> GetAsync(string userName, CancellationToken ct)
    {
        if (_keep > TimeSpan.Zero && cache.TryGetValue(Key(userName), out AccountStanding? kept))
        {
            return kept;
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        var standing = await db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new AccountStanding(u.SecurityStamp, u.IsActive, u.MustChangePassword)).FirstOrDefaultAsync(ct);
        if (_keep > TimeSpan.Zero && standing is not null)
        {
            cache.Set(Key(userName), standing, _keep);
        }

        return standing;
    }

    /// <summary>Whether the principal's stamp is the account's current one and the account is active.</summary>
    public static bool Vouches(ClaimsPrincipal principal, AccountStanding? standing) =>
        standing is { IsActive: true } && string.Equals(standing.SecurityStamp, StampOf(principal), StringComparison.Ordinal);

    /// <summary>Forgets the kept standing after a change on this node.</summary>
    public void Forget(string userName) => cache.Remove(Key(userName));

    private static string Key(string userName) => "account-standing:" + userName;
}
