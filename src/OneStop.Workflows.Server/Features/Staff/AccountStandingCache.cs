using OneStop.Workflows.Application.Staff;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The staff use cases' view of <see cref="AccountStandings"/>: a change forgets the account's kept standing on this node.</summary>
public sealed class AccountStandingCache(AccountStandings standings) : IAccountStandingCache
{
    public void Forget(string userName) => standings.Forget(userName);
}
