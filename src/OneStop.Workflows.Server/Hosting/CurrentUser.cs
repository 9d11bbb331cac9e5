using System.Security.Claims;
using OneStop.Workflows.Application;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>The signed-in member of staff as the use cases' <see cref="Actor"/>, read from the claims that sign-in issues.</summary>
public static class CurrentUser
{
    /// <summary>Claim type carrying the user's department code.</summary>
    public const string DepartmentClaim = "department";

    /// <summary>Claim type carrying one further department (兼任部门) of the user; one claim per further department (ADR 0011).</summary>
    public const string FurtherDepartmentClaim = "further_department";

    /// <summary>Claim type carrying the user's display name as it was at sign-in (shown in the web UI's user menu).</summary>
    public const string DisplayNameClaim = "display_name";

    /// <summary>The display name of a signed-in principal, or its user name when the claim is missing.</summary>
    public static string? DisplayName(ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayNameClaim) ?? principal.FindFirstValue(ClaimTypes.Name);

    /// <summary>The user, or null when the principal is anonymous or lacks a known role.</summary>
    public static Actor? From(ClaimsPrincipal principal)
    {
        var name = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.Name) : null;
        return name is not null && Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Actor(name, role, principal.FindFirstValue(DepartmentClaim), principal.FindAll(FurtherDepartmentClaim).Select(c => c.Value).ToList())
            : null;
    }

    /// <summary>The claims sign-in puts into the token or cookie.</summary>
    public static IEnumerable<Claim> ToClaims(this Actor actor)
    {
        yield return new Claim(ClaimTypes.Name, actor.UserName);
        yield return new Claim(ClaimTypes.Role, actor.Role.ToString());
        if (actor.Department is not null)
        {
            yield return new Claim(DepartmentClaim, actor.Department);
        }

        foreach (var further in actor.FurtherDepartments)
        {
            yield return new Claim(FurtherDepartmentClaim, further);
        }
    }
}

/// <summary>Authorization policy names; each allows the roles listed (registered in AuthSetup).</summary>
public static class Policies
{
    /// <summary>Administrator.</summary>
    public const string Administration = "Administration";

    /// <summary>Designer, Administrator: definitions and the runtime's raw routes.</summary>
    public const string Design = "Design";

    /// <summary>WindowClerk: submissions, acceptance, corrections, delivery.</summary>
    public const string Window = "Window";

    /// <summary>WindowClerk, Reviewer, DepartmentHead: the inbox.</summary>
    public const string Inbox = "Inbox";

    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "Staff";

    /// <summary>Supervisor, Administrator, DepartmentHead: case lists across departments.</summary>
    public const string Supervision = "Supervision";
}
