using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>One staff account (administrators).</summary>
public sealed class GetUser(OneStopDbContext db)
{
    public sealed record Query(string UserName);

    public async Task<Result<UserView>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var (user, missing) = await StaffRules.FindAsync(db, query.UserName, ct);
        return user is null ? missing! : UserView.From(user);
    }
}
