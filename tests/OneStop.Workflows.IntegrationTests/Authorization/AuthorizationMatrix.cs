using static OneStop.Workflows.IntegrationTests.Authorization.Expect;

namespace OneStop.Workflows.IntegrationTests.Authorization;

/// <summary>What a caller gets from a route: let through (any status but 401/403/404 and 5xx), or refused with 401, 403 or 404.</summary>
public enum Expect
{
    /// <summary>Passed authorization: not 401/403/404 and not 5xx (400 and 409 for business reasons count).</summary>
    Ok,

    /// <summary>Not signed in.</summary>
    U401,

    /// <summary>Signed in with a role/department that may not do this.</summary>
    F403,

    /// <summary>The resource is not visible to the caller (cases of other departments, a wrong query password).</summary>
    N404,
}

/// <summary>
/// One request (method + route pattern as mapped; the URL and JSON body may use &lt;tokens&gt; of <see cref="AuthorizationWorld"/>)
/// and the outcome expected for each caller of <see cref="AuthorizationMatrix.Callers"/>, in that order.
/// </summary>
public sealed record MatrixRow(string Method, string Route, string Url, string? Body, string Note, IReadOnlyList<Expect> Expected)
{
    public override string ToString() => $"{Method} {Route} [{Note}]";
}

/// <summary>
/// Every route × every caller. Requests are chosen so that they pass or fail authorization without changing what later rows rely on:
/// invalid bodies (400), wrong-state commands (409), claims that only assign a task to the caller.
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>The columns. "anonymous" is also the applicant (no sign-in; case number + query password).</summary>
    public static IReadOnlyList<string> Callers { get; } =
        ["anonymous", "admin", "designer", "supervisor", "clerk.market", "clerk.housing", "clerk.ecology", "reviewer.fire", "reviewer.police", "head.fire"];

    private const string Credentials = """{"userName":"clerk.market","password":"Demo123!"}""";
    private const string Corrections = """{"materials":[{"name":"Fire safety commitment"}],"idempotencyKey":"matrix-corrections"}""";
    private const string Delivery = """{"status":"Delivered"}""";
    private const string Transfer = """{"toUser":"no-such-colleague","reason":"matrix"}""";
    private const string Application =
        """{"serviceItem":"food-business-licence","applicant":{"name":"Matrix","idNumber":"11010519491231002X","phone":"13800138000"},"materials":[{"name":"Application form"}],"deliveryMethod":"Pickup"}""";
    private const string Suspension = """{"type":"Inspection","expectedWorkingDays":5,"notice":"matrix"}""";
    private const string Extension = """{"workingDays":5,"reason":"matrix"}""";
    private const string BadDecision = """{"outcome":"NotAnOutcome","opinion":"matrix","idempotencyKey":"matrix-decision"}""";

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        //                                                                                                    anon  admin desig super clkMk clkHo clkEc revFi revPo hdFi
        // Sign-in and who am I: anonymous by design, except /me.
        R("POST", "/api/auth/token", "/api/auth/token", Credentials, "valid credentials",                      Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/auth/sign-in", "/api/auth/sign-in", Credentials, "valid credentials",                  Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        // One refresh token of a user outside the table (head.water): it works once; each later use is a reuse → 401 (and its family is revoked).
        R("POST", "/api/auth/refresh", "/api/auth/refresh", """{"refreshToken":"<refreshToken>"}""", "first use, then reuses",
                                                                                                               Ok,   U401, U401, U401, U401, U401, U401, U401, U401, U401),
        R("GET", "/api/auth/me", "/api/auth/me", null, "",                                                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/health", "/health", null, "",                                                               Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, "",                                 Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // The runtime's raw routes (Design: Designer, Administrator).
        R("POST", "/api/workflow-definitions", "/api/workflow-definitions", "{}", "invalid definition → 400",  U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/workflow-definitions", "/api/workflow-definitions", null, "issue 10",                   U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/workflow-definitions/{definitionId}", "/api/workflow-definitions/restaurant-opening", null, "",
                                                                                                               U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/workflow-definitions/{definitionId}/instances", "/api/workflow-definitions/fork-join-sample/instances", null, "sample flow",
                                                                                                               U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/workflow-instances/{instanceId}", "/api/workflow-instances/<restaurantInstance>", null, "a case's instance",
                                                                                                               U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume", "/api/workflow-instances/<restaurantInstance>/bookmarks/<unknownBookmark>/resume",
            "{}", "no idempotency key → 400",                                                                  U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),

        // The catalogue: read by all staff, written by administrators.
        R("GET", "/api/departments", "/api/departments", null, "",                                             U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/api/service-items", "/api/service-items", null, "",                                         U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/api/service-items/{code}", "/api/service-items/food-business-licence", null, "",            U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/service-items", "/api/service-items", "{}", "invalid item → 400",                      U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("PUT", "/api/service-items/{code}", "/api/service-items/food-business-licence", "{}", "invalid → 400",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),

        // The official calendar: read and previewed by all staff, imported by administrators.
        R("GET", "/api/calendar/{year:int}", "/api/calendar/2025", null, "shipped year",                       U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("PUT", "/api/calendar/{year:int}", "/api/calendar/2025", "{}", "no rest days → 400",                 U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/calendar/deadline", "/api/calendar/deadline", "{}", "invalid → 400",                   U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/api/calendar/years", "/api/calendar/years", null, "issue 10",                               U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/calendar/{year:int}/preview", "/api/calendar/2025/preview", "{}", "issue 10; no rest days → 400",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/calendar/{year:int}/regional/preview", "/api/calendar/2025/regional/preview", "{}", "issue 10; no region → 400",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        // The centre's regional adjustments of a year: set and removed by administrators.
        R("PUT", "/api/calendar/{year:int}/regional", "/api/calendar/2025/regional", "{}", "no region → 400",   U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("DELETE", "/api/calendar/{year:int}/regional", "/api/calendar/2025/regional", null, "none → 200, no change",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),

        // Cases. Visible: supervisors and administrators all; staff of the lead department or of a department with a task in it.
        R("POST", "/api/cases", "/api/cases", "{}", "invalid application → 400",                               U401, F403, F403, F403, Ok,   Ok,   Ok,   F403, F403, F403),
        R("POST", "/api/cases", "/api/cases", Application, "food licence: market's window only",            U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),
        R("GET", "/api/cases", "/api/cases", null, "designers see no cases",                                   U401, Ok,   F403, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/api/cases/{id}", "/api/cases/<restaurant>", null, "restaurant (market; fire urban water)",  U401, Ok,   N404, Ok,   Ok,   N404, N404, Ok,   N404, Ok),
        R("GET", "/api/cases/{id}", "/api/cases/<food>", null, "food licence, submitted (market only)",        U401, Ok,   N404, Ok,   Ok,   N404, N404, N404, N404, N404),
        R("GET", "/api/cases/{id}/correction-notices", "/api/cases/<restaurant>/correction-notices", null, "as the case (issue 10)",
                                                                                                               U401, Ok,   N404, Ok,   Ok,   N404, N404, Ok,   N404, Ok),
        R("GET", "/api/cases/{id}/correction-notices", "/api/cases/<food>/correction-notices", null, "as the case (issue 10)",
                                                                                                               U401, Ok,   N404, Ok,   Ok,   N404, N404, N404, N404, N404),
        R("GET", "/api/cases/{id}", "/api/cases/<investment>", null, "investment (drc; resources ecology industry)",
                                                                                                               U401, Ok,   N404, Ok,   N404, N404, Ok,   N404, N404, N404),

        // Corrections and delivery: Window policy, then not visible → 404, then not the lead window → 403; the lead window gets 409 (wrong state).
        R("POST", "/api/cases/{id}/corrections", "/api/cases/<restaurant>/corrections", Corrections, "restaurant, not awaiting corrections",
                                                                                                               U401, F403, F403, F403, Ok,   N404, N404, F403, F403, F403),
        R("POST", "/api/cases/{id}/corrections", "/api/cases/<food>/corrections", Corrections, "food licence",
                                                                                                               U401, F403, F403, F403, Ok,   N404, N404, F403, F403, F403),
        R("POST", "/api/cases/{id}/corrections", "/api/cases/<investment>/corrections", Corrections, "investment: ecology reviews but does not lead",
                                                                                                               U401, F403, F403, F403, N404, N404, F403, F403, F403, F403),
        R("POST", "/api/cases/{id}/delivery", "/api/cases/<restaurant>/delivery", Delivery, "restaurant, still open → 409",
                                                                                                               U401, F403, F403, F403, Ok,   N404, N404, F403, F403, F403),
        R("POST", "/api/cases/{id}/delivery", "/api/cases/<food>/delivery", Delivery, "food licence, still open → 409",
                                                                                                               U401, F403, F403, F403, Ok,   N404, N404, F403, F403, F403),
        R("POST", "/api/cases/{id}/delivery", "/api/cases/<investment>/delivery", Delivery, "investment: ecology reviews but does not lead",
                                                                                                               U401, F403, F403, F403, N404, N404, F403, F403, F403, F403),

        // Clocks: read like the case; suspend/end by the lead department's window or head, extend by its head (or an administrator).
        R("GET", "/api/cases/{id}/clocks", "/api/cases/<restaurant>/clocks", null, "restaurant",               U401, Ok,   N404, Ok,   Ok,   N404, N404, Ok,   N404, Ok),
        R("GET", "/api/cases/{id}/clocks", "/api/cases/<food>/clocks", null, "food licence",                   U401, Ok,   N404, Ok,   Ok,   N404, N404, N404, N404, N404),
        // Issue 10: the clock derivation, the same visibility as the clocks.
        R("GET", "/api/cases/{id}/clocks/derivation", "/api/cases/<restaurant>/clocks/derivation", null, "restaurant", U401, Ok, N404, Ok, Ok, N404, N404, Ok, N404, Ok),
        R("GET", "/api/cases/{id}/clocks/derivation", "/api/cases/<food>/clocks/derivation", null, "food licence",  U401, Ok, N404, Ok, Ok, N404, N404, N404, N404, N404),
        R("POST", "/api/cases/{id}/suspensions", "/api/cases/<food>/suspensions", Suspension, "food licence: no clock yet → 409",
                                                                                                               U401, F403, N404, F403, Ok,   N404, N404, N404, N404, N404),
        R("POST", "/api/cases/{id}/suspensions", "/api/cases/<investment>/suspensions", Suspension, "investment: no drc caller",
                                                                                                               U401, F403, N404, F403, N404, N404, F403, N404, N404, N404),
        R("POST", "/api/cases/{id}/suspensions/{suspensionId}/end", "/api/cases/<restaurant>/suspensions/<unknownSuspension>/end", "{}",
            "restaurant, no such suspension → 409",                                                            U401, F403, N404, F403, Ok,   N404, N404, F403, N404, F403),
        R("POST", "/api/cases/{id}/extensions", "/api/cases/<food>/extensions", Extension, "food licence: no clock yet → 409",
                                                                                                               U401, Ok,   N404, F403, F403, N404, N404, N404, N404, N404),
        R("POST", "/api/cases/{id}/extensions", "/api/cases/<restaurant>/extensions", Extension, "restaurant: head of market (none here) or admin",
                                                                                                               U401, Ok,   N404, F403, F403, N404, N404, F403, N404, F403),

        // Staff administration (administrators): requests that change nothing — invalid bodies (400), own account or wrong state (409).
        R("GET", "/api/admin/users", "/api/admin/users", null, "",                                             U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/admin/users/{userName}", "/api/admin/users/designer", null, "",                         U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/users", "/api/admin/users", "{}", "invalid user → 400",                          U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("PUT", "/api/admin/users/{userName}/role", "/api/admin/users/designer/role", "{}", "no role → 400",  U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/users/{userName}/disable", "/api/admin/users/admin/disable", null, "own account → 409",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/users/{userName}/enable", "/api/admin/users/designer/enable", null, "already active → 409",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/users/{userName}/reset-password", "/api/admin/users/admin/reset-password", null, "own account → 409",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/departments", "/api/admin/departments", "{}", "invalid department → 400",        U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("PUT", "/api/admin/departments/{code}", "/api/admin/departments/market", "{}", "no names → 400",     U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/departments/{code}/retire", "/api/admin/departments/market/retire", null, "open work → 409",
                                                                                                               U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        // Every signed-in user changes their own password.
        R("POST", "/api/auth/password", "/api/auth/password", "{}", "no current password → 400",              U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // The server's clock (administrators).
        R("GET", "/api/admin/clock", "/api/admin/clock", null, "",                                             U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/admin/clock", "/api/admin/clock", "{}", "system clock → 409",                          U401, Ok,   F403, F403, F403, F403, F403, F403, F403, F403),

        // E-supervision: signals and figures for Supervision (supervisor, administrator, department head); my alerts for all staff.
        R("GET", "/api/supervision/signals", "/api/supervision/signals", null, "",                             U401, Ok,   F403, Ok,   F403, F403, F403, F403, F403, Ok),
        R("GET", "/api/supervision/figures", "/api/supervision/figures?from=2025-01-01&to=2025-12-31", null, "",
                                                                                                               U401, Ok,   F403, Ok,   F403, F403, F403, F403, F403, Ok),
        R("GET", "/api/supervision/board", "/api/supervision/board?groupBy=serviceItem", null, "issue 10",     U401, Ok,   F403, Ok,   F403, F403, F403, F403, F403, Ok),
        R("GET", "/api/supervision/figures/months", "/api/supervision/figures/months?from=2025-01-01&to=2025-12-31", null, "issue 10",
                                                                                                               U401, Ok,   F403, Ok,   F403, F403, F403, F403, F403, Ok),
        R("GET", "/api/supervision/figures.csv", "/api/supervision/figures.csv?from=2025-01-01&to=2025-12-31&groupBy=month", null, "issue 10",
                                                                                                               U401, Ok,   F403, Ok,   F403, F403, F403, F403, F403, Ok),
        R("GET", "/api/supervision/alerts", "/api/supervision/alerts", null, "mine",                           U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/supervision/alerts/{id}/acknowledge", "/api/supervision/alerts/<unknownAlert>/acknowledge", null, "unknown alert",
                                                                                                               U401, N404, N404, N404, N404, N404, N404, N404, N404, N404),

        // The live alert feed (SignalR; no method metadata, so any row covers its pattern). Outside /api the anonymous are sent to sign in.
        R("POST", "/hubs/alerts/negotiate", "/hubs/alerts/negotiate?negotiateVersion=1", null, "",              U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/hubs/alerts", "/hubs/alerts", null, "no connection id → 400",                               U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // The applicant's query: anonymous by design; only the case's own password opens it.
        R("POST", "/api/public/case-progress", "/api/public/case-progress", ProgressQuery("<restaurantPassword>"), "own password",
                                                                                                               Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/public/case-progress", "/api/public/case-progress", ProgressQuery("<foodPassword>"), "another case's password",
                                                                                                               N404, N404, N404, N404, N404, N404, N404, N404, N404, N404),
        R("POST", "/api/public/case-progress", "/api/public/case-progress", """{"number":"<restaurantNumber>"}""", "no password → 400",
                                                                                                               Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/api/public/cases/{number}", "/api/public/cases/<restaurantNumber>?password=<restaurantPassword>", null, "retired → 410",
                                                                                                               Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // The inbox: Inbox policy, then the task's department, then whether the role works that kind of task.
        R("GET", "/api/tasks", "/api/tasks", null, "",                                                         U401, F403, F403, F403, Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/api/tasks/{id}/claim", "/api/tasks/<fireReview>/claim", null, "fire's review task",        U401, F403, F403, F403, F403, F403, F403, Ok,   F403, Ok),
        R("GET", "/api/tasks/{id}", "/api/tasks/<fireReview>", null, "fire's review task (issue 10)",          U401, F403, F403, F403, F403, F403, F403, Ok,   F403, Ok),
        R("GET", "/api/tasks/{id}", "/api/tasks/<marketReview>", null, "market's review: clerks cannot work reviews",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/tasks/{id}", "/api/tasks/<foodAcceptance>", null, "market's acceptance task",
                                                                                                               U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),
        // Issue 10 (window reads): the transfer picker, refused as the transfer would be (the claims above assigned fire's review to reviewer.fire).
        R("GET", "/api/tasks/{id}/colleagues", "/api/tasks/<fireReview>/colleagues", null, "fire's review task",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, Ok,   F403, Ok),
        R("GET", "/api/tasks/{id}/colleagues", "/api/tasks/<marketReview>/colleagues", null, "market's review: clerks cannot work reviews",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/api/tasks/{id}/colleagues", "/api/tasks/<foodAcceptance>/colleagues", null, "market's acceptance task",
                                                                                                               U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/transfer", "/api/tasks/<fireReview>/transfer", Transfer, "fire's review task, unknown colleague → 400",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, Ok,   F403, Ok),
        R("POST", "/api/tasks/{id}/decision", "/api/tasks/<fireReview>/decision", BadDecision, "fire's review task, bad outcome → 400",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, Ok,   F403, Ok),
        R("POST", "/api/tasks/{id}/claim", "/api/tasks/<marketReview>/claim", null, "market's review: clerks cannot work reviews",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/transfer", "/api/tasks/<marketReview>/transfer", Transfer, "market's review task",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/decision", "/api/tasks/<marketReview>/decision", BadDecision, "market's review task",
                                                                                                               U401, F403, F403, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/claim", "/api/tasks/<foodAcceptance>/claim", null, "market's acceptance task",
                                                                                                               U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/transfer", "/api/tasks/<foodAcceptance>/transfer", Transfer, "market's acceptance, unknown colleague → 400",
                                                                                                               U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),
        R("POST", "/api/tasks/{id}/decision", "/api/tasks/<foodAcceptance>/decision", BadDecision, "market's acceptance, bad outcome → 400",
                                                                                                               U401, F403, F403, F403, Ok,   F403, F403, F403, F403, F403),

        // The web UI (issue 10): a page asks every signed-in member of staff in (what they may do there, the use cases
        // decide); a page's 401 is the redirect to sign-in. Form posts without the antiforgery token are refused (400).
        R("GET", "/", "/", null, "home page",                                                                  U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/", "/", null, "no form on the home page",                                                  U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/window/new", "/window/new", null, "new application (SubmitCase decides who submits)",      U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/window/new", "/window/new", null, "no form handler",                                       U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/window/desk", "/window/desk", null, "acceptance desk (ListTasks decides)",                  U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/window/desk", "/window/desk", null, "no form handler",                                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/sign-in", "/sign-in", null, "",                                                             Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/sign-in", "/sign-in", null, "no form handler",                                             Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/account/password", "/account/password", null, "",                                           U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/account/password", "/account/password", null, "no form handler",                           U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/refused", "/refused", null, "",                                                             Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/refused", "/refused", null, "no form handler",                                             Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/not-found", "/not-found", null, "",                                                         Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/not-found", "/not-found", null, "no form handler",                                         Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/inbox", "/inbox", null, "the page; the inbox use case decides who has one",                 U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/inbox", "/inbox", null, "no form handler",                                                 U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/inbox/tasks/{Id:guid}", "/inbox/tasks/<fireReview>", null, "the page; GetTask refuses in it",   U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/inbox/tasks/{Id:guid}", "/inbox/tasks/<fireReview>", null, "no form handler",                  U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/cases/{Id:guid}", "/cases/<restaurant>", null, "the page; GetCase refuses in it",            U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/cases/{Id:guid}", "/cases/<restaurant>", null, "no form handler",                           U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/supervision/alerts", "/supervision/alerts", null, "the page; ListAlerts is the user's own",  U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/supervision/alerts", "/supervision/alerts", null, "no form handler",                       U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/admin/clock", "/admin/clock", null, "the page; the clock use cases decide",                U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/admin/clock", "/admin/clock", null, "no form handler",                                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/supervision/board", "/supervision/board", null, "the page; the board use case decides",   U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/supervision/board", "/supervision/board", null, "no form handler",                         U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/progress", "/progress", null, "the applicant's page (no sign-in)",                          Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/progress", "/progress", null, "no antiforgery token → 400",                                 Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        // issue 10: administrator pages
        R("GET", "/admin", "/admin", null, "administration home (GetClockReading decides)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin", "/admin", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/admin/staff", "/admin/staff", null, "staff (the staff use cases decide)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin/staff", "/admin/staff", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/admin/departments", "/admin/departments", null, "departments (the staff use cases decide)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin/departments", "/admin/departments", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/admin/calendar", "/admin/calendar", null, "calendar (the calendar use cases decide)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin/calendar", "/admin/calendar", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/admin/service-items", "/admin/service-items", null, "service items (the catalogue use cases decide)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin/service-items", "/admin/service-items", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/admin/service-items/edit", "/admin/service-items/edit?code=restaurant-opening", null, "one service item (UpdateServiceItem decides)", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("POST", "/admin/service-items/edit", "/admin/service-items/edit?code=restaurant-opening", null, "no form handler", U401, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        R("GET", "/culture", "/culture?c=en", null, "language cookie",                                          Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/account/sign-in", "/account/sign-in", null, "no antiforgery token → 400",                  Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/account/change-password", "/account/change-password", null, "no antiforgery token → 400",             U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/account/sign-out", "/account/sign-out", null, "no antiforgery token → 400, still signed in", Ok, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // Issue 10 (window reads): my home page's counts, for every member of staff (sections by role).
        R("GET", "/api/me/desk", "/api/me/desk", null, "",                                                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // issue 10: supervision — the signal list and the figures pages (the use cases decide and scope).
        R("GET", "/supervision/signals", "/supervision/signals", null, "the page; ListSignals decides",        U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/supervision/signals", "/supervision/signals", null, "no form handler",                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/supervision/figures", "/supervision/figures", null, "the page; GetFigures decides",         U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/supervision/figures", "/supervision/figures", null, "no form handler",                     U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        // issue 10: window (the case page, the search): pages ask every member of staff in; the use cases refuse in them.
        R("GET", "/window/cases/{Id:guid}", "/window/cases/<restaurant>", null, "the page; GetCase refuses in it", U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/window/cases/{Id:guid}", "/window/cases/<restaurant>", null, "no form handler",          U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET", "/window/search", "/window/search", null, "the page; ListCases decides what is found",      U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST", "/window/search", "/window/search", null, "no form handler",                               U401, Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),

        // issue 11: designer (Elsa Studio) — host pages and /elsa/api: designers, supervisors (to view) and administrators.
        R("GET", "/designer", "/designer", null, "the definition list host page", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/designer/definitions", "/designer/definitions", null, "the definition list host page", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/designer/editor/{definitionId}", "/designer/editor/restaurant-opening", null, "the editor host page", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/designer/instances", "/designer/instances", null, "the instance list host page", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/designer/instances/{instanceId}", "/designer/instances/<restaurantInstance>", null, "the instance viewer (issue 11 instances: supervisors view)", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/activities", "/elsa/api/descriptors/activities?Refresh=True", null, "the toolbox", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/expression-descriptors", "/elsa/api/descriptors/expression-descriptors", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/workflow-activation-strategies", "/elsa/api/descriptors/workflow-activation-strategies", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/log-persistence-strategies", "/elsa/api/descriptors/log-persistence-strategies", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/incident-strategies", "/elsa/api/descriptors/incident-strategies", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/commit-strategies/workflows", "/elsa/api/descriptors/commit-strategies/workflows", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/commit-strategies/activities", "/elsa/api/descriptors/commit-strategies/activities", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/storage-drivers", "/elsa/api/descriptors/storage-drivers", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/descriptors/variables", "/elsa/api/descriptors/variables", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/features/installed", "/elsa/api/features/installed", null, "empty list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions", "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending", null, "the Studio's list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/by-definition-id/{definitionId}", "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Latest", null, "the editor's read", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/by-id/{versionId}", "/elsa/api/workflow-definitions/by-id/no-such-version", null, "unknown version → 404", U401, N404, N404, N404, F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/validation/is-name-unique", "/elsa/api/workflow-definitions/validation/is-name-unique?name=matrix", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        // issue 11: instances — the Studio's instance viewer: designers, supervisors (the centre's monitors) and administrators.
        R("POST", "/elsa/api/workflow-instances", "/elsa/api/workflow-instances", """{"page":0,"pageSize":10}""", "the list", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-instances/{instanceId}", "/elsa/api/workflow-instances/<restaurantInstance>", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-instances/{instanceId}/execution-state", "/elsa/api/workflow-instances/<restaurantInstance>/execution-state", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-instances/{instanceId}/journal", "/elsa/api/workflow-instances/<restaurantInstance>/journal?skip=0&take=10", """{"filter":null}""", "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-instances/{instanceId}/variables", "/elsa/api/workflow-instances/<restaurantInstance>/variables", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/activity-executions/list", "/elsa/api/activity-executions/list?workflowInstanceId=<restaurantInstance>", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/activity-execution-summaries/list", "/elsa/api/activity-execution-summaries/list?workflowInstanceId=<restaurantInstance>", null, "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/activity-executions/by-id", "/elsa/api/activity-executions/by-id?id=<restaurantInstance>:1", null, "the workflow's start", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/activity-executions/report", "/elsa/api/activity-executions/report", """{"workflowInstanceId":"<restaurantInstance>","activityNodeIds":[]}""", "", U401, Ok,   Ok,   Ok,   F403, F403, F403, F403, F403, F403),

        // issue 11: designer saves (Studio writes) — designers and administrators; supervisors only view (403 from the use cases).
        R("POST", "/elsa/api/workflow-definitions", "/elsa/api/workflow-definitions", """{"model":{"definitionId":"matrix-save","root":{"type":"Elsa.Flowchart","activities":[{"id":"a","type":"No.Such.Activity"}]}},"publish":false}""", "unknown activity type → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/{definitionId}/publish", "/elsa/api/workflow-definitions/no-such-definition/publish", null, "unknown → 404", U401, N404, N404, F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/{definitionId}/retract", "/elsa/api/workflow-definitions/no-such-definition/retract", null, "unknown → 404", U401, N404, N404, F403, F403, F403, F403, F403, F403, F403),
        R("DELETE", "/elsa/api/workflow-definitions/{definitionId}", "/elsa/api/workflow-definitions/no-such-definition", null, "unknown → 404", U401, N404, N404, F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/{definitionId}/audit", "/elsa/api/workflow-definitions/restaurant-opening/audit", null, "the definition's audit", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-ids", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-ids", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/bulk-actions/delete/workflow-definition-versions/by-id", "/elsa/api/bulk-actions/delete/workflow-definition-versions/by-id", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/export", "/elsa/api/workflow-definitions/export", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/{definitionId}/export", "/elsa/api/workflow-definitions/restaurant-opening/export", null, "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/import", "/elsa/api/workflow-definitions/import", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("PUT", "/elsa/api/workflow-definitions/{definitionId}/import", "/elsa/api/workflow-definitions/restaurant-opening/import", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/import-files", "/elsa/api/workflow-definitions/import-files", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/{definitionId}/revert/{version}", "/elsa/api/workflow-definitions/restaurant-opening/revert/1", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("DELETE", "/elsa/api/workflow-definition-versions/{versionId}", "/elsa/api/workflow-definition-versions/no-such-version", null, "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/{definitionId}/execute", "/elsa/api/workflow-definitions/restaurant-opening/execute", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("GET", "/elsa/api/workflow-definitions/{definitionId}/execute", "/elsa/api/workflow-definitions/restaurant-opening/execute", null, "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),
        R("POST", "/elsa/api/workflow-definitions/{definitionId}/dispatch", "/elsa/api/workflow-definitions/restaurant-opening/dispatch", "{}", "not supported → 400", U401, Ok,   Ok,   F403, F403, F403, F403, F403, F403, F403),

        // Last: signing out ends each caller's own session (its bearer token is refused from then on).
        R("POST", "/api/auth/sign-out", "/api/auth/sign-out", null, "ends the caller's session",              Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok,   Ok),
    ];

    private static string ProgressQuery(string password) => $$"""{"number":"<restaurantNumber>","password":"{{password}}"}""";

    private static MatrixRow R(string method, string route, string url, string? body, string note, params Expect[] expected) =>
        expected.Length == Callers.Count
            ? new MatrixRow(method, route, url, body, note, expected)
            : throw new InvalidOperationException($"{method} {route} [{note}]: {expected.Length} expectations for {Callers.Count} callers.");
}
