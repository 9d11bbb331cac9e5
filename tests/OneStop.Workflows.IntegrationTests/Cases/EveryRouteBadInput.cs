namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Which families of bad input a route reads besides the ones every route gets (bad query strings and path values).</summary>
[Flags]
public enum Reads
{
    None = 0,

    /// <summary><c>page</c> and <c>pageSize</c>.</summary>
    Paging = 1,

    /// <summary><c>from</c> and <c>to</c> days in the query string.</summary>
    DateQuery = 2,

    /// <summary>A <c>{year:int}</c> route value.</summary>
    YearRoute = 4,

    /// <summary>A typed number in the query string (<c>version</c>, <c>afterSequence</c>) or flag (<c>publish</c>).</summary>
    TypedQuery = 8,
}

/// <summary>
/// One route of the bad-input test: method and route pattern as mapped, a URL with &lt;tokens&gt; of the authorization world, the
/// demo user who passes the route's authorization, and the body to mutate (null: the route reads no body). The base body is chosen
/// so that it is valid or refused for one reason only; each mutation adds one defect.
/// </summary>
public sealed record BadInputRow(string Method, string Route, string Url, string Caller, string? Body, Reads Reads = Reads.None, string? TypedQuery = null)
{
    public override string ToString() => $"{Method} {Route} as {Caller}";
}

/// <summary>
/// Every mapped route and how the bad-input test calls it. A route added to the server without a row here fails
/// <c>EveryRoute_HasABadInputRow</c>, which prints the row to add.
/// </summary>
public static class EveryRouteBadInput
{
    private const string Credentials = """{"userName":"clerk.market","password":"Demo123!"}""";

    private const string Application =
        """{"serviceItem":"food-business-licence","applicant":{"name":"Bad Input 张三","idNumber":"11010519491231002X","phone":"13800138000"},"form":{"businessName":"Test Co."},"materials":[{"name":"Application form 申请书","provided":true,"note":"原件"}],"deliveryMethod":"Pickup","deliveryAddress":null}""";

    private const string Decision = """{"outcome":"Approved","opinion":"Conditions met 符合条件","idempotencyKey":"bad-input-decision"}""";

    private const string Corrections =
        """{"materials":[{"name":"Fire safety commitment","provided":true,"note":"signed"}],"idempotencyKey":"bad-input-corrections"}""";

    private const string Deadline = """{"start":"2025-10-08","budget":5,"unit":"WorkingDays","suspensions":[{"from":"2025-10-13","to":"2025-10-14"}]}""";

    private const string Regional =
        """{"region":"450000 广西壮族自治区","restDays":[{"from":"2025-04-01","to":"2025-04-01","name":"三月三"}],"makeUpWorkingDays":["2025-04-06"],"source":"广西壮族自治区人民政府办公厅 notice","reason":"bad input"}""";

    private const string Definition = """{"definitionId":"bad-input","name":"Bad input","root":{"type":"No.Such.Activity","activities":[{"id":"a","type":"x"}]}}""";

    private const string StudioSave = """{"model":{"definitionId":"bad-input","name":"Bad input","root":{"type":"No.Such.Activity","activities":[{"id":"a","type":"x"}]}},"publish":false}"""; // issue 11

    public static IReadOnlyList<BadInputRow> Rows { get; } =
    [
        // Sign-in and tokens (anonymous by design).
        new("POST", "/api/auth/token", "/api/auth/token", "anonymous", Credentials),
        new("POST", "/api/auth/sign-in", "/api/auth/sign-in", "anonymous", Credentials),
        new("POST", "/api/auth/sign-out", "/api/auth/sign-out", "anonymous", null),
        new("POST", "/api/auth/refresh", "/api/auth/refresh", "anonymous", """{"refreshToken":"<refreshToken>"}"""),
        new("GET", "/api/auth/me", "/api/auth/me", "clerk.market", null),
        new("GET", "/health", "/health", "anonymous", null),
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", "anonymous", null),

        // The runtime's raw routes.
        new("POST", "/api/workflow-definitions", "/api/workflow-definitions", "designer", Definition, Reads.TypedQuery, "publish"),
        new("GET", "/api/workflow-definitions", "/api/workflow-definitions", "designer", null), // issue 10
        new("GET", "/api/workflow-definitions/{definitionId}", "/api/workflow-definitions/restaurant-opening", "designer", null, Reads.TypedQuery, "version"),
        new("POST", "/api/workflow-definitions/{definitionId}/instances", "/api/workflow-definitions/fork-join-sample/instances", "designer", null,
            Reads.TypedQuery, "version"),
        new("GET", "/api/workflow-instances/{instanceId}", "/api/workflow-instances/<restaurantInstance>", "designer", null, Reads.TypedQuery, "afterSequence"),
        new("POST", "/api/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume", "/api/workflow-instances/<restaurantInstance>/bookmarks/<unknownBookmark>/resume",
            "designer", """{"idempotencyKey":"bad-input-resume","input":{"answer":"yes"}}"""),

        // The catalogue (the item bodies are the real item, read when the world is built).
        new("GET", "/api/departments", "/api/departments", "clerk.market", null),
        new("GET", "/api/service-items", "/api/service-items", "clerk.market", null),
        new("GET", "/api/service-items", "/api/service-items?leadDepartment=market", "clerk.market", null), // issue 10
        new("GET", "/api/service-items/{code}", "/api/service-items/food-business-licence", "clerk.market", null),
        new("POST", "/api/service-items", "/api/service-items", "admin", "<newItem>"),
        new("PUT", "/api/service-items/{code}", "/api/service-items/food-business-licence", "admin", "<item>"),

        // The calendar (the national body is the shipped 2025, <nationalYear>, read when the world is built).
        new("GET", "/api/calendar/{year:int}", "/api/calendar/2025", "clerk.market", null, Reads.YearRoute),
        new("PUT", "/api/calendar/{year:int}", "/api/calendar/2025", "admin", "<nationalYear>", Reads.YearRoute),
        new("POST", "/api/calendar/deadline", "/api/calendar/deadline", "clerk.market", Deadline),
        new("GET", "/api/calendar/years", "/api/calendar/years", "clerk.market", null), // issue 10
        new("POST", "/api/calendar/{year:int}/preview", "/api/calendar/2025/preview", "admin", "<nationalYear>", Reads.YearRoute), // issue 10
        new("POST", "/api/calendar/{year:int}/regional/preview", "/api/calendar/2025/regional/preview", "admin", Regional, Reads.YearRoute), // issue 10
        new("PUT", "/api/calendar/{year:int}/regional", "/api/calendar/2025/regional", "admin", Regional, Reads.YearRoute),
        new("DELETE", "/api/calendar/{year:int}/regional", "/api/calendar/2026/regional", "admin", null, Reads.YearRoute),

        // Cases.
        new("POST", "/api/cases", "/api/cases", "clerk.market", Application),
        new("GET", "/api/cases", "/api/cases", "clerk.market", null, Reads.Paging),
        new("GET", "/api/cases", "/api/cases?deliveryStatus=Pending", "clerk.market", null, Reads.Paging), // issue 10
        new("GET", "/api/cases/{id}", "/api/cases/<restaurant>", "clerk.market", null),
        new("GET", "/api/cases/{id}/correction-notices", "/api/cases/<restaurant>/correction-notices", "clerk.market", null),
        new("POST", "/api/cases/{id}/corrections", "/api/cases/<restaurant>/corrections", "clerk.market", Corrections),
        new("POST", "/api/cases/{id}/delivery", "/api/cases/<restaurant>/delivery", "clerk.market", """{"status":"Delivered","trackingNumber":"SF1234567890"}"""),
        new("GET", "/api/public/cases/{number}", "/api/public/cases/<restaurantNumber>?password=<restaurantPassword>", "anonymous", null),
        new("POST", "/api/public/case-progress", "/api/public/case-progress", "anonymous", """{"number":"<restaurantNumber>","password":"<restaurantPassword>"}"""),

        // Clocks (the food licence has no clock yet: a valid command would be 409).
        new("GET", "/api/cases/{id}/clocks", "/api/cases/<restaurant>/clocks", "clerk.market", null),
        new("GET", "/api/cases/{id}/clocks/derivation", "/api/cases/<restaurant>/clocks/derivation", "clerk.market", null), // issue 10
        new("POST", "/api/cases/{id}/suspensions", "/api/cases/<food>/suspensions", "clerk.market",
            """{"type":"Inspection","localType":null,"from":"2025-09-26","expectedWorkingDays":5,"notice":"Inspection notice 检验通知"}"""),
        new("POST", "/api/cases/{id}/suspensions/{suspensionId}/end", "/api/cases/<restaurant>/suspensions/<unknownSuspension>/end", "clerk.market",
            """{"to":"2025-10-01"}"""),
        new("POST", "/api/cases/{id}/extensions", "/api/cases/<food>/extensions", "admin", """{"workingDays":5,"reason":"Joint handling 联合办理"}"""),

        // The server's clock (the test server's clock is not simulated: 409 after the input checks of the query string).
        new("GET", "/api/admin/clock", "/api/admin/clock", "admin", null),
        new("POST", "/api/admin/clock", "/api/admin/clock", "admin", """{"now":"2025-10-01T09:00:00+08:00"}"""),

        // E-supervision.
        new("GET", "/api/supervision/signals", "/api/supervision/signals", "supervisor", null, Reads.Paging | Reads.DateQuery),
        new("GET", "/api/supervision/figures", "/api/supervision/figures?groupBy=department", "supervisor", null, Reads.DateQuery),
        new("GET", "/api/supervision/board", "/api/supervision/board?groupBy=department", "supervisor", null), // issue 10
        new("GET", "/api/supervision/figures/months", "/api/supervision/figures/months", "supervisor", null, Reads.DateQuery), // issue 10
        new("GET", "/api/supervision/figures.csv", "/api/supervision/figures.csv?groupBy=serviceItem", "supervisor", null, Reads.DateQuery), // issue 10
        new("GET", "/api/supervision/alerts", "/api/supervision/alerts", "supervisor", null, Reads.Paging),
        new("POST", "/api/supervision/alerts/{id}/acknowledge", "/api/supervision/alerts/<unknownAlert>/acknowledge", "supervisor", null),
        new("POST", "/hubs/alerts/negotiate", "/hubs/alerts/negotiate?negotiateVersion=1", "supervisor", null),
        new("GET", "/hubs/alerts", "/hubs/alerts", "supervisor", null),

        // Staff administration (issue 8). Base bodies are valid: any mutation that got through would change the snapshot. The
        // own-password row is head.fire's, whom no other row uses; retiring market is refused (409: it has open work).
        new("GET", "/api/admin/users", "/api/admin/users", "admin", null, Reads.Paging),
        new("GET", "/api/admin/users/{userName}", "/api/admin/users/clerk.market", "admin", null),
        new("POST", "/api/admin/users", "/api/admin/users", "admin",
            """{"userName":"bad.input","displayName":"坏输入 Bad input","role":"Reviewer","department":"fire"}"""),
        new("PUT", "/api/admin/users/{userName}/role", "/api/admin/users/reviewer.police/role", "admin", """{"role":"DepartmentHead","department":"police"}"""),
        new("POST", "/api/admin/users/{userName}/disable", "/api/admin/users/reviewer.water/disable", "admin", null),
        new("POST", "/api/admin/users/{userName}/enable", "/api/admin/users/reviewer.water/enable", "admin", null),
        new("POST", "/api/admin/users/{userName}/reset-password", "/api/admin/users/reviewer.water/reset-password", "admin", null),
        new("POST", "/api/auth/password", "/api/auth/password", "head.fire", """{"currentPassword":"Demo123!","newPassword":"Quiet river 静水流深 2026"}"""),
        new("POST", "/api/admin/departments", "/api/admin/departments", "admin", """{"code":"badinput","chineseName":"坏输入局","englishName":"Bad input bureau"}"""),
        new("PUT", "/api/admin/departments/{code}", "/api/admin/departments/water", "admin", """{"chineseName":"水务局","englishName":"Water bureau"}"""),
        new("POST", "/api/admin/departments/{code}/retire", "/api/admin/departments/market/retire", "admin", null),

        // The inbox.
        new("GET", "/api/tasks", "/api/tasks", "reviewer.fire", null, Reads.Paging),
        new("GET", "/api/tasks/{id}", "/api/tasks/<fireReview>", "reviewer.fire", null),
        new("POST", "/api/tasks/{id}/claim", "/api/tasks/<fireReview>/claim", "reviewer.fire", null),
        new("POST", "/api/tasks/{id}/transfer", "/api/tasks/<fireReview>/transfer", "reviewer.fire", """{"toUser":"no-such-colleague","reason":"Leave 请假"}"""),
        new("POST", "/api/tasks/{id}/decision", "/api/tasks/<fireReview>/decision", "reviewer.fire", Decision),
        new("GET", "/api/tasks/{id}/colleagues", "/api/tasks/<fireReview>/colleagues", "reviewer.fire", null), // issue 10

        // Home (issue 10).
        new("GET", "/api/me/desk", "/api/me/desk", "clerk.market", null),

        // The web UI (issue 10): pages (GET; Blazor also maps POST for forms) and the account form posts (a form, not JSON).
        new("GET", "/", "/", "clerk.market", null),
        new("POST", "/", "/", "clerk.market", null),
        new("GET", "/sign-in", "/sign-in", "anonymous", null),
        new("POST", "/sign-in", "/sign-in", "anonymous", null),
        new("GET", "/account/password", "/account/password", "clerk.market", null),
        new("POST", "/account/password", "/account/password", "clerk.market", null),
        new("GET", "/refused", "/refused", "anonymous", null),
        new("POST", "/refused", "/refused", "anonymous", null),
        new("GET", "/not-found", "/not-found", "anonymous", null),
        new("POST", "/not-found", "/not-found", "anonymous", null),
        new("GET", "/inbox", "/inbox", "reviewer.fire", null),
        new("POST", "/inbox", "/inbox", "reviewer.fire", null),
        new("GET", "/inbox/tasks/{Id:guid}", "/inbox/tasks/00000000-0000-7000-8000-000000000001", "reviewer.fire", null),
        new("POST", "/inbox/tasks/{Id:guid}", "/inbox/tasks/00000000-0000-7000-8000-000000000001", "reviewer.fire", null),
        new("GET", "/cases/{Id:guid}", "/cases/00000000-0000-7000-8000-000000000001", "reviewer.fire", null),
        new("POST", "/cases/{Id:guid}", "/cases/00000000-0000-7000-8000-000000000001", "reviewer.fire", null),
        new("GET", "/supervision/alerts", "/supervision/alerts", "supervisor", null),
        new("POST", "/supervision/alerts", "/supervision/alerts", "supervisor", null),
        new("GET", "/window/new", "/window/new", "clerk.market", null),
        new("POST", "/window/new", "/window/new", "clerk.market", null),
        new("GET", "/window/desk", "/window/desk", "clerk.market", null),
        new("POST", "/window/desk", "/window/desk", "clerk.market", null),
        new("GET", "/admin/clock", "/admin/clock", "admin", null),
        new("POST", "/admin/clock", "/admin/clock", "admin", null),
        new("GET", "/supervision/board", "/supervision/board", "supervisor", null),
        new("POST", "/supervision/board", "/supervision/board", "supervisor", null),
        new("GET", "/progress", "/progress", "anonymous", null),
        new("POST", "/progress", "/progress", "anonymous", null),
        // issue 10: administrator pages
        new("GET", "/admin", "/admin", "admin", null),
        new("POST", "/admin", "/admin", "admin", null),
        new("GET", "/admin/staff", "/admin/staff", "admin", null),
        new("POST", "/admin/staff", "/admin/staff", "admin", null),
        new("GET", "/admin/departments", "/admin/departments", "admin", null),
        new("POST", "/admin/departments", "/admin/departments", "admin", null),
        new("GET", "/admin/calendar", "/admin/calendar", "admin", null),
        new("POST", "/admin/calendar", "/admin/calendar", "admin", null),
        new("GET", "/admin/service-items", "/admin/service-items", "admin", null),
        new("POST", "/admin/service-items", "/admin/service-items", "admin", null),
        new("GET", "/admin/service-items/edit", "/admin/service-items/edit?code=restaurant-opening", "admin", null),
        new("POST", "/admin/service-items/edit", "/admin/service-items/edit?code=restaurant-opening", "admin", null),
        new("GET", "/culture", "/culture?c=en", "anonymous", null),
        new("POST", "/account/sign-in", "/account/sign-in", "anonymous", null),
        new("POST", "/account/change-password", "/account/change-password", "clerk.market", null),
        new("POST", "/account/sign-out", "/account/sign-out", "anonymous", null),
        // issue 10: supervision
        new("GET", "/supervision/signals", "/supervision/signals", "supervisor", null),
        new("POST", "/supervision/signals", "/supervision/signals", "supervisor", null),
        new("GET", "/supervision/figures", "/supervision/figures", "supervisor", null),
        new("POST", "/supervision/figures", "/supervision/figures", "supervisor", null),
        // issue 10: window
        new("GET", "/window/cases/{Id:guid}", "/window/cases/00000000-0000-7000-8000-000000000001", "clerk.market", null),
        new("POST", "/window/cases/{Id:guid}", "/window/cases/00000000-0000-7000-8000-000000000001", "clerk.market", null),
        new("GET", "/window/search", "/window/search", "clerk.market", null),
        new("POST", "/window/search", "/window/search", "clerk.market", null),
        // issue 11: designer (Elsa Studio)
        new("GET", "/designer", "/designer", "designer", null),
        new("GET", "/designer/definitions", "/designer/definitions", "designer", null),
        new("GET", "/designer/editor/{definitionId}", "/designer/editor/restaurant-opening", "designer", null),
        new("GET", "/designer/instances", "/designer/instances", "designer", null),
        new("GET", "/designer/instances/{instanceId}", "/designer/instances/<restaurantInstance>", "designer", null),
        new("GET", "/elsa/api/descriptors/activities", "/elsa/api/descriptors/activities?Refresh=True", "designer", null),
        new("GET", "/elsa/api/descriptors/expression-descriptors", "/elsa/api/descriptors/expression-descriptors", "designer", null),
        new("GET", "/elsa/api/descriptors/workflow-activation-strategies", "/elsa/api/descriptors/workflow-activation-strategies", "designer", null),
        new("GET", "/elsa/api/descriptors/log-persistence-strategies", "/elsa/api/descriptors/log-persistence-strategies", "designer", null),
        new("GET", "/elsa/api/descriptors/incident-strategies", "/elsa/api/descriptors/incident-strategies", "designer", null),
        new("GET", "/elsa/api/descriptors/commit-strategies/workflows", "/elsa/api/descriptors/commit-strategies/workflows", "designer", null),
        new("GET", "/elsa/api/descriptors/commit-strategies/activities", "/elsa/api/descriptors/commit-strategies/activities", "designer", null),
        new("GET", "/elsa/api/descriptors/storage-drivers", "/elsa/api/descriptors/storage-drivers", "designer", null),
        new("GET", "/elsa/api/descriptors/variables", "/elsa/api/descriptors/variables", "designer", null),
        new("GET", "/elsa/api/features/installed", "/elsa/api/features/installed", "designer", null),
        new("GET", "/elsa/api/workflow-definitions", "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10", "designer", null, Reads.TypedQuery | Reads.Paging, "versionOptions"),
        new("GET", "/elsa/api/workflow-definitions/by-definition-id/{definitionId}", "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening", "designer", null, Reads.TypedQuery, "versionOptions"),
        new("GET", "/elsa/api/workflow-definitions/by-id/{versionId}", "/elsa/api/workflow-definitions/by-id/no-such-version", "designer", null),
        new("GET", "/elsa/api/workflow-definitions/validation/is-name-unique", "/elsa/api/workflow-definitions/validation/is-name-unique?name=bad-input", "designer", null),
        // issue 11: designer saves (Studio writes); the save's base body is refused for its unknown root type only.
        new("POST", "/elsa/api/workflow-definitions", "/elsa/api/workflow-definitions", "designer", StudioSave),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/publish", "/elsa/api/workflow-definitions/no-such-definition/publish", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/retract", "/elsa/api/workflow-definitions/no-such-definition/retract", "designer", null),
        new("DELETE", "/elsa/api/workflow-definitions/{definitionId}", "/elsa/api/workflow-definitions/no-such-definition", "designer", null),
        new("GET", "/elsa/api/workflow-definitions/{definitionId}/audit", "/elsa/api/workflow-definitions/no-such-definition/audit", "designer", null),
        new("POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "designer", null),
        new("POST", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", "designer", null),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-ids", "designer", null),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", "designer", null),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-definition-versions/by-id", "/elsa/api/bulk-actions/delete/workflow-definition-versions/by-id", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/export", "/elsa/api/workflow-definitions/export", "designer", null),
        new("GET", "/elsa/api/workflow-definitions/{definitionId}/export", "/elsa/api/workflow-definitions/restaurant-opening/export", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/import", "/elsa/api/workflow-definitions/import", "designer", null),
        new("PUT", "/elsa/api/workflow-definitions/{definitionId}/import", "/elsa/api/workflow-definitions/restaurant-opening/import", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/import-files", "/elsa/api/workflow-definitions/import-files", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/revert/{version}", "/elsa/api/workflow-definitions/restaurant-opening/revert/1", "designer", null),
        new("DELETE", "/elsa/api/workflow-definition-versions/{versionId}", "/elsa/api/workflow-definition-versions/no-such-version", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/execute", "/elsa/api/workflow-definitions/restaurant-opening/execute", "designer", null),
        new("GET", "/elsa/api/workflow-definitions/{definitionId}/execute", "/elsa/api/workflow-definitions/restaurant-opening/execute", "designer", null),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/dispatch", "/elsa/api/workflow-definitions/restaurant-opening/dispatch", "designer", null),

        // issue 11: instances (the Studio's instance viewer)
        new("POST", "/elsa/api/workflow-instances", "/elsa/api/workflow-instances", "designer",
            """{"page":0,"pageSize":10,"searchTerm":"bad-input","orderBy":"Created","orderDirection":"Descending","statuses":["Running"]}"""),
        new("GET", "/elsa/api/workflow-instances/{instanceId}", "/elsa/api/workflow-instances/<restaurantInstance>", "designer", null),
        new("GET", "/elsa/api/workflow-instances/{instanceId}/execution-state", "/elsa/api/workflow-instances/<restaurantInstance>/execution-state", "designer", null),
        new("POST", "/elsa/api/workflow-instances/{instanceId}/journal", "/elsa/api/workflow-instances/<restaurantInstance>/journal?skip=0&take=10", "designer",
            """{"filter":{"activityNodeIds":["restaurant-opening:root:start"],"eventNames":["Started"]}}""", Reads.TypedQuery, "take"),
        new("GET", "/elsa/api/workflow-instances/{instanceId}/variables", "/elsa/api/workflow-instances/<restaurantInstance>/variables", "designer", null),
        new("GET", "/elsa/api/activity-executions/list", "/elsa/api/activity-executions/list?workflowInstanceId=<restaurantInstance>", "designer", null),
        new("GET", "/elsa/api/activity-execution-summaries/list", "/elsa/api/activity-execution-summaries/list?workflowInstanceId=<restaurantInstance>", "designer", null),
        new("GET", "/elsa/api/activity-executions/by-id", "/elsa/api/activity-executions/by-id?id=<restaurantInstance>:1", "designer", null),
        new("POST", "/elsa/api/activity-executions/report", "/elsa/api/activity-executions/report", "designer",
            """{"workflowInstanceId":"<restaurantInstance>","activityNodeIds":["restaurant-opening:root:start"]}"""),
    ];
}
