using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Shared;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// <c>ui-seed</c>: the web UI's data at scale. The real server migrates the database and seeds the demo centre (staff,
/// catalogue, calendar); then 6 district departments (20 departments with the demo's 14 reviewing ones) and 20 service
/// items spread over them are added through EF, and the open cases, their review tasks, their case and step clocks and
/// the clocks' card-ladder signals are written with binary COPY. Clocks, due days and signals come from the real domain
/// (<see cref="Clock"/>, <see cref="CardLadder.Plan"/> on the centre's calendar), so the use cases read consistent data:
/// a signal due before now is stored fired, a later one pending (the sweep finds nothing to do).
/// </summary>
internal static class UiSeed
{
    /// <summary>The demo centre's reviewing departments (DemoCentre.Departments without the city government).</summary>
    public static readonly string[] DemoDepartments =
        ["market", "police", "tax", "social", "fund", "fire", "urban", "water", "housing", "airdefence", "drc", "resources", "ecology", "industry"];

    /// <summary>The 20 departments the tasks are spread over.</summary>
    public static IReadOnlyList<string> Departments { get; } =
        [.. DemoDepartments, .. Enumerable.Range(1, UiBenchOptions.Departments - DemoDepartments.Length).Select(i => $"district{i:00}")];

    /// <summary>The benchmark's case numbers start with this (the demo's never do).</summary>
    public const string NumberPrefix = "UIB";

    public sealed record Stats(int Cases, int OpenTasks, int Clocks, long PendingSignals, long FiredSignals, TimeSpan ServerStart, TimeSpan Load, TimeSpan Analyze);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = UiBenchOptions.Parse(args);
        if (options.Connection is { } connection)
        {
            var stats = await SeedAsync(connection, options);
            Print(stats);
            return 0;
        }

        await using var server = await Testing.Postgres.PostgresServer.StartAsync();
        var stats2 = await SeedAsync(await server.CreateDatabaseAsync(), options);
        Print(stats2);
        Console.WriteLine("(Throwaway PostgreSQL: the data goes with it. Use --connection to keep it, or `ui`, which seeds and measures.)");
        return 0;
    }

    public static void Print(Stats s) => Console.WriteLine(
        $"Seeded {s.Cases:N0} open cases, {s.OpenTasks:N0} open tasks over {UiBenchOptions.Departments} departments, {s.Clocks:N0} clocks, " +
        $"{s.PendingSignals:N0} pending + {s.FiredSignals:N0} fired signals: server start (migrate + demo seed) {s.ServerStart.TotalSeconds:F1} s, " +
        $"COPY {s.Load.TotalSeconds:F1} s, VACUUM ANALYZE {s.Analyze.TotalSeconds:F1} s.");

    public static async Task<Stats> SeedAsync(string connectionString, UiBenchOptions options)
    {
        // 1. The real server migrates and seeds the demo centre, then stops.
        var start = Stopwatch.StartNew();
        await using (await ServerProcess.StartAsync(LocalMachine.RepositoryRoot(), connectionString, LocalMachine.FreePort(), options.SkipBuild))
        {
        }

        start.Stop();
        await using var provider = UiServices.Build(connectionString);
        var now = SystemClock.Instance.GetCurrentInstant();
        var items = await CatalogueAsync(provider, now);
        var calendar = await provider.GetRequiredService<EffectiveCalendarStore>().CurrentAsync(CancellationToken.None);
        var planner = provider.GetRequiredService<SignalPlanner>();
        var day = provider.GetRequiredService<CentreDay>();

        // 2. The bulk rows, four COPY streams at once.
        var load = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var writer = await BulkWriter.OpenAsync(dataSource);
        var random = new Random(20261201);
        var today = day.Centre.DateOf(now);
        var caseNo = 0;
        var openTasks = 0;
        var clocks = 0;

        async Task<Case> NewCase(ItemSetup item, CaseStatus status, LocalDate received)
        {
            caseNo++;
            var c = new Case(caseNo, item, status, received, random);
            await writer.CaseAsync(c, now);
            return c;
        }

        // department: the board key of the clock's signals (ADR 0010) — the review's department for a step clock, the lead's for a case clock.
        async Task ClockAsync(Clock clock, ItemSetup item, LocalDate? suspendedFrom, string department)
        {
            if (suspendedFrom is { } from)
            {
                clock.Suspend(Guid.NewGuid(), SuspensionType.ExpertReview, null, from, 10, "专家评审 Expert review (benchmark).", "bench", now);
            }

            clocks++;
            await writer.ClockAsync(clock);
            foreach (var planned in CardLadder.Plan(clock, calendar, day, planner.EffectiveFor(item.Data)))
            {
                await writer.SignalAsync(clock, planned, planned.DueAt <= now ? planned.DueAt : null, now, department, item.Code);
            }
        }

        // 2a. Cases in review with three open reviews each (lead + two co-departments); one in ten is suspended for an
        //     expert review (its reviews paused, its clocks suspended); 5 % of the open tasks are acceptances of newly received cases.
        var acceptances = options.Tasks / 20;
        var reviews = options.Tasks - acceptances;
        while (openTasks < reviews)
        {
            var item = items[caseNo % items.Count];
            var accepted = today.PlusDays(-random.Next(0, Age(item)));
            var correcting = random.Next(10) == 0;
            var c = await NewCase(item, CaseStatus.InReview, accepted);
            LocalDate? suspendedFrom = correcting ? accepted.PlusDays(random.Next(1, 3)) : null;
            await ClockAsync(new Clock(ClockId.New(), c.Id, null, ClockKind.Case, accepted, item.Data.PromisedLimit, item.Data.StatutoryLimit, item.Data.StatutoryExtension, now), item, suspendedFrom, item.Data.LeadDepartment);
            foreach (var department in item.Reviewers.Take(Math.Min(3, reviews - openTasks)))
            {
                var budget = 10 + (5 * random.Next(3));
                var task = new TaskSetup(TaskId.New(), c.Id, TaskKind.Review, department, correcting ? ApprovalTaskStatus.Paused : ApprovalTaskStatus.Open,
                    random.Next(10) < 4 ? $"reviewer.{department}" : null, c.AcceptedAt!.Value.Plus(Duration.FromMinutes(random.Next(1, 600))), budget);
                var stepClock = new Clock(ClockId.New(), c.Id, task.Id, ClockKind.Step, accepted, TimeLimit.WorkingDays(budget), null, null, now);
                await ClockAsync(stepClock, item, suspendedFrom, department);
                await writer.TaskAsync(task, stepClock.Deadlines(calendar).PromisedDue);
                openTasks++;
            }
        }

        for (var i = 0; i < acceptances; i++)
        {
            var item = items[caseNo % items.Count];
            var c = await NewCase(item, CaseStatus.Received, today.PlusDays(-random.Next(0, 4)));
            await writer.TaskAsync(new TaskSetup(TaskId.New(), c.Id, TaskKind.Acceptance, item.Data.LeadDepartment, ApprovalTaskStatus.Open, null, c.ReceivedAt, null), null);
            openTasks++;
        }

        // 2b. Cases whose reviews are all decided (the lead has still to complete them): case clock only, until the
        //     pending signals reach the target.
        while (writer.Pending < options.Signals)
        {
            var item = items[caseNo % items.Count];
            var accepted = today.PlusDays(-random.Next(0, Age(item)));
            var c = await NewCase(item, CaseStatus.InReview, accepted);
            await ClockAsync(new Clock(ClockId.New(), c.Id, null, ClockKind.Case, accepted, item.Data.PromisedLimit, item.Data.StatutoryLimit, item.Data.StatutoryExtension, now), item, null, item.Data.LeadDepartment);
        }

        await writer.CompleteAsync();
        load.Stop();
        var analyze = Stopwatch.StartNew();
        foreach (var table in new[] { "cases", "tasks", "clocks", "supervision_signals" })
        {
            await using var command = dataSource.CreateCommand($"VACUUM ANALYZE onestop.{table}");
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }

        analyze.Stop();
        return new Stats(caseNo, openTasks, clocks, writer.Pending, writer.Fired, start.Elapsed, load.Elapsed, analyze.Elapsed);
    }

    /// <summary>How many calendar days back a case may have been accepted: up to its promised limit, so most run on time.</summary>
    private static int Age(ItemSetup item) => Math.Max(2, item.Data.PromisedLimit.Value);

    /// <summary>Adds the district departments and 20 items (lead k, co k+1 and k+2 of the 20), copies of a demo item's data.</summary>
    private static async Task<List<ItemSetup>> CatalogueAsync(ServiceProvider provider, Instant now)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var template = (await db.ServiceItems.AsNoTracking().OrderBy(i => i.Code).ToListAsync()).First().Data;
        var existing = await db.Departments.Select(d => d.Code).ToListAsync();
        foreach (var code in Departments.Except(existing))
        {
            db.Departments.Add(new Department(code, $"{code[^2..]}区政务服务分中心", $"District {code[^2..]} service centre", "city"));
        }

        var items = new List<ItemSetup>();
        for (var k = 0; k < UiBenchOptions.Departments; k++)
        {
            var lead = Departments[k];
            var co = new[] { Departments[(k + 1) % Departments.Count], Departments[(k + 2) % Departments.Count] };
            var data = template with { Name = $"基准事项{k + 1:00} Benchmark item {k + 1:00}", LeadDepartment = lead, CoDepartments = co };
            var code = $"bench-item-{k + 1:00}";
            if (!await db.ServiceItems.AnyAsync(i => i.Code == code))
            {
                db.ServiceItems.Add(new ServiceItem(code, data, now));
            }

            items.Add(new ItemSetup(code, data, [lead, .. co]));
        }

        await db.SaveChangesAsync();
        return items;
    }

    internal sealed record ItemSetup(string Code, ServiceItemData Data, IReadOnlyList<string> Reviewers);

    internal sealed record TaskSetup(TaskId Id, CaseId CaseId, TaskKind Kind, string Department, ApprovalTaskStatus Status, string? Assignee, Instant CreatedAt, int? Budget);

    /// <summary>A benchmark case: received on a day, accepted the same day unless still Received.</summary>
    internal sealed class Case
    {
        private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
        private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军"];

        public Case(int number, ItemSetup item, CaseStatus status, LocalDate received, Random random)
        {
            Id = CaseId.New();
            Number = $"{NumberPrefix}{number:00000000}";
            Item = item;
            Status = status;
            ReceiptDate = received;
            ReceivedAt = received.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(1 + random.Next(8)));
            AcceptedAt = status == CaseStatus.Received ? null : ReceivedAt.Plus(Duration.FromMinutes(30));
            ApplicantName = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + Given[random.Next(Given.Length)];
            ApplicantIdNumber = "11010519" + (49 + random.Next(50)).ToString("00", CultureInfo.InvariantCulture) + "0101" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            ApplicantPhone = "139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        }

        public CaseId Id { get; }

        public string Number { get; }

        public ItemSetup Item { get; }

        public CaseStatus Status { get; }

        public LocalDate ReceiptDate { get; }

        public Instant ReceivedAt { get; }

        public Instant? AcceptedAt { get; }

        public string ApplicantName { get; }

        public string ApplicantIdNumber { get; }

        public string ApplicantPhone { get; }
    }

    /// <summary>Four binary COPY streams (cases, tasks, clocks, signals) on four connections, written as the rows are made.</summary>
    private sealed class BulkWriter
    {
        private readonly List<NpgsqlConnection> _connections;
        private readonly NpgsqlBinaryImporter _cases;
        private readonly NpgsqlBinaryImporter _tasks;
        private readonly NpgsqlBinaryImporter _clocks;
        private readonly NpgsqlBinaryImporter _signals;
        private readonly bool _taskDueDay;

        private BulkWriter(List<NpgsqlConnection> connections, NpgsqlBinaryImporter cases, NpgsqlBinaryImporter tasks, NpgsqlBinaryImporter clocks, NpgsqlBinaryImporter signals, bool taskDueDay)
        {
            _connections = connections;
            _cases = cases;
            _tasks = tasks;
            _clocks = clocks;
            _signals = signals;
            _taskDueDay = taskDueDay;
        }

        public long Pending { get; private set; }

        public long Fired { get; private set; }

        public static async Task<BulkWriter> OpenAsync(NpgsqlDataSource dataSource)
        {
            var connections = new List<NpgsqlConnection>();
            for (var i = 0; i < 4; i++)
            {
                connections.Add(await dataSource.OpenConnectionAsync());
            }

            // The stored due day of issue 10 (ADR 0009), when the migration that adds it has run.
            await using var probe = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'onestop' AND table_name = 'tasks' AND column_name = 'due_day'", connections[0]);
            var taskDueDay = (long)(await probe.ExecuteScalarAsync())! == 1;
            return new BulkWriter(connections,
                await connections[0].BeginBinaryImportAsync("""
                    COPY onestop.cases (id, number, query_password_hash, service_item_code, lead_department, refusal_policy, form_json, materials, status,
                    received_at, receipt_date, acceptance_date, accepted_at, instance_id, delivery_method, delivery_status, updated_at, version,
                    applicant_id_number, applicant_name, applicant_phone) FROM STDIN (FORMAT BINARY)
                    """),
                await connections[1].BeginBinaryImportAsync(
                    "COPY onestop.tasks (id, case_id, kind, department, status, assignee, created_at, time_limit_working_days, version" +
                    (taskDueDay ? ", due_day" : "") + ") FROM STDIN (FORMAT BINARY)"),
                await connections[2].BeginBinaryImportAsync(
                    "COPY onestop.clocks (id, case_id, task_id, kind, start, promised, statutory, statutory_extension, suspensions, created_at, version) FROM STDIN (FORMAT BINARY)"),
                await connections[3].BeginBinaryImportAsync(
                    "COPY onestop.supervision_signals (id, case_id, clock_id, subject_id, subject_kind, rule, level, due_at, basis, fired_at, created_at, department, service_item, case_open) FROM STDIN (FORMAT BINARY)"),
                taskDueDay);
        }

        public async Task CaseAsync(Case c, Instant now)
        {
            await _cases.StartRowAsync();
            await _cases.WriteAsync(c.Id.Value, NpgsqlDbType.Uuid);
            await _cases.WriteAsync(c.Number, NpgsqlDbType.Varchar);
            await _cases.WriteAsync("not-a-real-hash", NpgsqlDbType.Text);
            await _cases.WriteAsync(c.Item.Code, NpgsqlDbType.Varchar);
            await _cases.WriteAsync(c.Item.Data.LeadDepartment, NpgsqlDbType.Varchar);
            await _cases.WriteAsync(c.Item.Data.RefusalPolicy.ToString(), NpgsqlDbType.Varchar);
            await _cases.WriteAsync("{}", NpgsqlDbType.Text);
            await _cases.WriteAsync("[]", NpgsqlDbType.Text);
            await _cases.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
            await _cases.WriteAsync(c.ReceivedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await _cases.WriteAsync(c.ReceiptDate.ToDateOnly(), NpgsqlDbType.Date);
            if (c.AcceptedAt is { } accepted)
            {
                await _cases.WriteAsync(c.ReceiptDate.ToDateOnly(), NpgsqlDbType.Date);
                await _cases.WriteAsync(accepted.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            }
            else
            {
                await _cases.WriteNullAsync();
                await _cases.WriteNullAsync();
            }

            await _cases.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await _cases.WriteAsync(nameof(DeliveryMethod.Pickup), NpgsqlDbType.Varchar);
            await _cases.WriteAsync(nameof(DeliveryStatus.NotReady), NpgsqlDbType.Varchar);
            await _cases.WriteAsync(now.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await _cases.WriteAsync(0L, NpgsqlDbType.Bigint);
            await _cases.WriteAsync(c.ApplicantIdNumber, NpgsqlDbType.Text);
            await _cases.WriteAsync(c.ApplicantName, NpgsqlDbType.Text);
            await _cases.WriteAsync(c.ApplicantPhone, NpgsqlDbType.Text);
        }

        public async Task TaskAsync(TaskSetup t, LocalDate? dueDay)
        {
            await _tasks.StartRowAsync();
            await _tasks.WriteAsync(t.Id.Value, NpgsqlDbType.Uuid);
            await _tasks.WriteAsync(t.CaseId.Value, NpgsqlDbType.Uuid);
            await _tasks.WriteAsync(t.Kind.ToString(), NpgsqlDbType.Varchar);
            await _tasks.WriteAsync(t.Department, NpgsqlDbType.Varchar);
            await _tasks.WriteAsync(t.Status.ToString(), NpgsqlDbType.Varchar);
            await WriteOrNull(_tasks, t.Assignee, NpgsqlDbType.Varchar);
            await _tasks.WriteAsync(t.CreatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await WriteOrNull(_tasks, t.Budget, NpgsqlDbType.Integer);
            await _tasks.WriteAsync(0L, NpgsqlDbType.Bigint);
            if (_taskDueDay)
            {
                await WriteOrNull(_tasks, dueDay?.ToDateOnly(), NpgsqlDbType.Date);
            }
        }

        public async Task ClockAsync(Clock k)
        {
            await _clocks.StartRowAsync();
            await _clocks.WriteAsync(k.Id.Value, NpgsqlDbType.Uuid);
            await _clocks.WriteAsync(k.CaseId.Value, NpgsqlDbType.Uuid);
            await WriteOrNull(_clocks, k.TaskId?.Value, NpgsqlDbType.Uuid);
            await _clocks.WriteAsync(k.Kind.ToString(), NpgsqlDbType.Varchar);
            await _clocks.WriteAsync(k.Start.ToDateOnly(), NpgsqlDbType.Date);
            await WriteOrNull(_clocks, Json(k.Promised), NpgsqlDbType.Text);
            await WriteOrNull(_clocks, Json(k.Statutory), NpgsqlDbType.Text);
            await WriteOrNull(_clocks, Json(k.StatutoryExtension), NpgsqlDbType.Text);
            await _clocks.WriteAsync(JsonSerializer.Serialize(k.Suspensions, JsonColumn.Options), NpgsqlDbType.Text);
            await _clocks.WriteAsync(k.CreatedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await _clocks.WriteAsync(k.Version, NpgsqlDbType.Bigint);
        }

        /// <summary>A signal row; a fired one carries the board keys the sweep writes (ADR 0010: every seeded case is open).</summary>
        public async Task SignalAsync(Clock k, PlannedSignal s, Instant? firedAt, Instant now, string department, string serviceItem)
        {
            await _signals.StartRowAsync();
            await _signals.WriteAsync(SignalId.New().Value, NpgsqlDbType.Uuid);
            await _signals.WriteAsync(k.CaseId.Value, NpgsqlDbType.Uuid);
            await _signals.WriteAsync(k.Id.Value, NpgsqlDbType.Uuid);
            await _signals.WriteAsync(k.TaskId?.Value ?? k.CaseId.Value, NpgsqlDbType.Uuid);
            await _signals.WriteAsync(k.Kind.ToString(), NpgsqlDbType.Varchar);
            await _signals.WriteAsync(s.Rule, NpgsqlDbType.Varchar);
            await _signals.WriteAsync(s.Level.ToString(), NpgsqlDbType.Varchar);
            await _signals.WriteAsync(s.DueAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await _signals.WriteAsync(s.Basis, NpgsqlDbType.Text);
            await WriteOrNull(_signals, firedAt?.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await _signals.WriteAsync(now.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            await WriteOrNull(_signals, firedAt is null ? null : department, NpgsqlDbType.Varchar);
            await WriteOrNull(_signals, firedAt is null ? null : serviceItem, NpgsqlDbType.Varchar);
            await _signals.WriteAsync(true, NpgsqlDbType.Boolean);
            if (firedAt is null)
            {
                Pending++;
            }
            else
            {
                Fired++;
            }
        }

        public async Task CompleteAsync()
        {
            foreach (var importer in new[] { _cases, _tasks, _clocks, _signals })
            {
                await importer.CompleteAsync();
                await importer.DisposeAsync();
            }

            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
        }

        private static string? Json<T>(T? value)
            where T : class => value is null ? null : JsonSerializer.Serialize(value, JsonColumn.Options);

        private static async Task WriteOrNull<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                await importer.WriteNullAsync();
            }
            else
            {
                await importer.WriteAsync(value, type);
            }
        }
    }
}
