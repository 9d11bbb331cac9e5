using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>One demo member of staff; <paramref name="FurtherDepartments"/> are the further departments (兼任部门, ADR 0011).</summary>
public sealed record DemoUser(string UserName, Role Role, string? Department, string DisplayName, IReadOnlyList<string>? FurtherDepartments = null);

/// <summary>
/// The demo centre's staff, seeded at start-up (<c>Seed:DemoCentre</c>, the default) into an empty <c>users</c> table,
/// all with the password <see cref="Password"/> (README, "Demo users").
/// </summary>
public static class DemoUsers
{
    public const string Password = "Demo123!";

    /// <summary>Department code → Chinese and English short names (display names only).</summary>
    private static readonly (string Code, string Chinese, string English)[] Departments =
    [
        ("market", "市场监管", "Market regulation"),
        ("police", "公安", "Police"),
        ("tax", "税务", "Tax"),
        ("social", "人社", "Social security"),
        ("fund", "公积金", "Housing fund"),
        ("fire", "消防", "Fire"),
        ("urban", "城管", "Urban management"),
        ("water", "水务", "Water"),
        ("housing", "住建", "Housing"),
        ("airdefence", "人防", "Air defence"),
        ("drc", "发改", "Development and reform"),
        ("resources", "自然资源", "Natural resources"),
        ("ecology", "生态环境", "Ecology"),
        ("industry", "工信", "Industry"),
    ];

    private static readonly string[] ClerkDepartments = ["market", "housing", "drc", "ecology"];

    /// <summary>
    /// Every demo user: admin, designer, supervisor, reviewer.&lt;code&gt; and head.&lt;code&gt; per department, four window clerks,
    /// and <c>reviewer.bureau</c>, an approval bureau (行政审批局) reviewer of investment projects: home department drc, further
    /// departments resources and ecology.
    /// </summary>
    public static IReadOnlyList<DemoUser> All { get; } = Build();

    /// <summary>Seeds <see cref="All"/> when the users table is empty; otherwise changes nothing.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoUsers).FullName!);
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        // One salted hash shared by the demo accounts: their password is published anyway, and hashing it
        // (PBKDF2, deliberately slow) once per account would add seconds to every fresh start.
        var hasher = services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var first = All[0];
        var hash = hasher.HashPassword(new UserAccount(first.UserName, first.DisplayName, first.Role, first.Department, "unused"), Password);
        db.Users.AddRange(All.Select(u => new UserAccount(u.UserName, u.DisplayName, u.Role, u.Department, hash).WithFurtherDepartments(u.FurtherDepartments ?? [])));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Created {Count} demo users (admin, designer, supervisor, reviewer.<dept>, head.<dept>, clerk.<dept>); password: see README, \"Demo users\"",
            All.Count);
    }

    private static List<DemoUser> Build()
    {
        var users = new List<DemoUser>
        {
            new("admin", Role.Administrator, null, "系统管理员 Administrator"),
            new("designer", Role.Designer, null, "流程设计人员 Designer"),
            new("supervisor", Role.Supervisor, null, "监察人员 Supervisor"),
        };
        foreach (var (code, chinese, english) in Departments)
        {
            users.Add(new($"reviewer.{code}", Role.Reviewer, code, $"{chinese}审查人员 {english} reviewer"));
            users.Add(new($"head.{code}", Role.DepartmentHead, code, $"{chinese}部门负责人 {english} department head"));
        }

        foreach (var code in ClerkDepartments)
        {
            var (_, chinese, english) = Departments.Single(d => d.Code == code);
            users.Add(new($"clerk.{code}", Role.WindowClerk, code, $"{chinese}窗口人员 {english} window clerk"));
        }

        users.Add(new("reviewer.bureau", Role.Reviewer, "drc", "行政审批局审查人员（发改、自然资源、生态环境） Approval bureau reviewer", ["resources", "ecology"]));

        return users;
    }
}
