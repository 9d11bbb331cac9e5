namespace OneStop.Workflows.Application.Staff;

/// <summary>The server's kept account standings (who is active, with which stamp): a staff change forgets the account's entry at once.</summary>
public interface IAccountStandingCache
{
    /// <summary>Forgets the kept standing of <paramref name="userName"/> on this node (its tokens are checked afresh).</summary>
    void Forget(string userName);
}
