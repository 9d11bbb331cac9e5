using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Server.Ui;

/// <summary>
/// Every page address of the web UI, and the navigation drawer's entries. The drawer shows a role the entries listed
/// for it (presentation only: what a user may do is decided by the use cases, which refuse everyone else).
/// A test checks that every routable page is listed in <see cref="Pages"/> and every entry has a page.
/// </summary>
public static class UiRoutes
{
    public const string Home = "/";
    public const string SignIn = "/sign-in";
    public const string ChangePassword = "/account/password";
    public const string Refused = "/refused";
    public const string NotFound = "/not-found";
    public const string Inbox = "/inbox";
    public const string Task = "/inbox/tasks/{Id:guid}";
    public const string Case = "/cases/{Id:guid}";
    public const string LiveFeed = "/supervision/alerts";
    public const string SimulatedClock = "/admin/clock";
    public const string Progress = "/progress";
    public const string Board = "/supervision/board";

    /// <summary>The task page of <paramref name="taskId"/>.</summary>
    public static string TaskOf(string taskId) => "/inbox/tasks/" + Uri.EscapeDataString(taskId);

    /// <summary>The case page of <paramref name="caseId"/>.</summary>
    public static string CaseOf(string caseId) => "/cases/" + Uri.EscapeDataString(caseId);

    // The window clerk's pages (issue 10, chunk 3).
    public const string WindowNewApplication = "/window/new";
    public const string WindowDesk = "/window/desk";

    // The administrator's pages (issue 10: staff, departments, calendar, service items, links).
    public const string Admin = "/admin";
    public const string AdminStaff = "/admin/staff";
    public const string AdminDepartments = "/admin/departments";
    public const string AdminCalendar = "/admin/calendar";
    public const string AdminServiceItems = "/admin/service-items";
    public const string AdminServiceItem = "/admin/service-items/edit"; // ?code= (any text may be a code: the use case answers for it)
    public const string Hangfire = "/hangfire";
    public const string Designer = "/designer";

    /// <summary>The edit page of service item <paramref name="code"/>.</summary>
    public static string ServiceItemOf(string code) => AdminServiceItem + "?code=" + Uri.EscapeDataString(code);

    // The supervisor's and department head's pages (issue 10: supervision).
    public const string Signals = "/supervision/signals";
    public const string Figures = "/supervision/figures";

    // issue 10: window (corrections, delivery, search)
    public const string WindowCase = "/window/cases/{Id:guid}";
    public const string WindowSearch = "/window/search";

    /// <summary>The window's page of case <paramref name="caseId"/> (notices, corrections arrived, delivery).</summary>
    public static string WindowCaseOf(string caseId) => "/window/cases/" + Uri.EscapeDataString(caseId);

    /// <summary>A drawer entry: the page, its resource key in <c>SharedText</c>, its icon and the roles it is shown to.</summary>
    /// <param name="External">Not a page of this UI (the designer, the real Elsa Studio): opened in a new tab, not in <see cref="Pages"/>.</param>
    public sealed record NavEntry(string Path, string TextKey, string Icon, IReadOnlyList<Role> Roles, bool External = false);

    /// <summary>The drawer, in order.</summary>
    public static IReadOnlyList<NavEntry> Nav { get; } =
    [
        new(Home, "Nav.Home", MudBlazor.Icons.Material.Filled.Home, Enum.GetValues<Role>()),
        new(WindowNewApplication, "Nav.NewApplication", MudBlazor.Icons.Material.Filled.NoteAdd, [Role.WindowClerk]),
        new(WindowDesk, "Nav.Desk", MudBlazor.Icons.Material.Filled.AssignmentTurnedIn, [Role.WindowClerk]),
        new(WindowSearch, "Nav.CaseSearch", MudBlazor.Icons.Material.Filled.Search, [Role.WindowClerk]), // issue 10: window
        new(Inbox, "Nav.Inbox", MudBlazor.Icons.Material.Filled.Inbox, [Role.Reviewer, Role.DepartmentHead]),
        new(SimulatedClock, "Nav.SimulatedClock", MudBlazor.Icons.Material.Filled.Schedule, [Role.Administrator]),
        new(Board, "Nav.Board", MudBlazor.Icons.Material.Filled.Dashboard, [Role.Supervisor, Role.Administrator, Role.DepartmentHead]),
        new(Admin, "Nav.Admin", MudBlazor.Icons.Material.Filled.AdminPanelSettings, [Role.Administrator]),
        new(AdminStaff, "Nav.AdminStaff", MudBlazor.Icons.Material.Filled.People, [Role.Administrator]),
        new(AdminDepartments, "Nav.AdminDepartments", MudBlazor.Icons.Material.Filled.AccountTree, [Role.Administrator]),
        new(AdminServiceItems, "Nav.AdminServiceItems", MudBlazor.Icons.Material.Filled.ListAlt, [Role.Administrator]),
        new(AdminCalendar, "Nav.AdminCalendar", MudBlazor.Icons.Material.Filled.CalendarMonth, [Role.Administrator]),
        new(LiveFeed, "Nav.LiveFeed", MudBlazor.Icons.Material.Filled.NotificationsActive, [Role.Supervisor, Role.DepartmentHead, Role.Reviewer, Role.WindowClerk]),
        new(Signals, "Nav.Signals", MudBlazor.Icons.Material.Filled.ReportProblem, [Role.Supervisor, Role.DepartmentHead]), // issue 10: supervision
        new(Figures, "Nav.Figures", MudBlazor.Icons.Material.Filled.BarChart, [Role.Supervisor, Role.DepartmentHead, Role.Administrator]), // issue 10: supervision
        new(Designer, "Nav.Designer", MudBlazor.Icons.Material.Filled.Schema, [Role.Designer, Role.Supervisor, Role.Administrator], External: true), // issue 11
    ];

    /// <summary>Every routable page: the drawer's entries, the account pages and the pages reached from other pages (with their parameters).</summary>
    public static IReadOnlyList<string> Pages { get; } =
        [.. Nav.Where(n => !n.External).Select(n => n.Path).Distinct(), SignIn, ChangePassword, Refused, NotFound, Task, Case, Progress, AdminServiceItem,
            WindowCase]; // issue 10: window

    /// <summary>The drawer entries shown to <paramref name="role"/>.</summary>
    public static IEnumerable<NavEntry> For(Role role) => Nav.Where(n => n.Roles.Contains(role));
}
