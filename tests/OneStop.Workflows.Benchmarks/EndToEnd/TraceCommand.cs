using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// Where a case's PostgreSQL work comes from (issue 9): <c>dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks
/// -- trace [--cases 5] [--warmup 3] [--no-build]</c>. Starts PostgreSQL and the Release server as the load does, plays
/// warm-up cases, turns on <c>log_statement = all</c>, then plays cases one request at a time (the reviews one after another),
/// marking the log before each request, and prints per request the statements, transactions (distinct backend + virtual
/// transaction id), <c>DISCARD ALL</c> resets and the statements by kind and table, averaged over the traced cases.
/// </summary>
internal static partial class TraceCommand
{
    private const string Database = "onestop_trace";
    private const string MarkPrefix = "onestop-trace:";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Number(args, "--cases", 5);
        var warmup = Number(args, "--warmup", 3);
        var root = LoadCommand.RepositoryRoot();
        await using var postgres = await PostgresServer.StartAsync(durable: false);
        var connectionString = await postgres.CreateDatabaseAsync(Database);
        await using var server = await ServerProcess.StartAsync(root, connectionString, LoadCommand.FreePort(), args.Contains("--no-build"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var tokens = await LoadCommand.SignInAsync(http);
        var recorder = new LoadRecorder();
        var plain = new CasePlayer(http, tokens);
        for (var i = 0; i < warmup; i++)
        {
            await plain.PlayAsync(recorder, $"warm-{i}", CancellationToken.None);
        }

        var log = Path.Combine(Path.GetDirectoryName(postgres.DataDirectory!)!, "server.log");
        await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, "ALTER SYSTEM SET log_statement = 'all'");
        await ExecuteAsync(admin, "ALTER SYSTEM SET log_line_prefix = '%m|%p|%v|%d|'");
        await ExecuteAsync(admin, "SELECT pg_reload_conf()");
        // Idle backends apply the reload before their next command; one more case makes sure every pooled one has.
        await plain.PlayAsync(recorder, "warm-reload", CancellationToken.None);
        var start = new FileInfo(log).Length;

        var traced = new CasePlayer(http, tokens, label => ExecuteAsync(admin, $"SELECT '{MarkPrefix}{label}'"));
        var played = 0;
        for (var i = 0; i < cases; i++)
        {
            played += await traced.PlayAsync(recorder, $"trace-{i}", CancellationToken.None) is null ? 0 : 1;
        }

        await ExecuteAsync(admin, $"SELECT '{MarkPrefix}end'");
        await ExecuteAsync(admin, "ALTER SYSTEM RESET log_statement");
        await ExecuteAsync(admin, "SELECT pg_reload_conf()");
        Console.WriteLine(Report(ReadFrom(log, start), played, args));
        return played == cases && recorder.ErrorCount == 0 ? 0 : 1;
    }

    private static string Report(IEnumerable<string> lines, int cases, string[] args)
    {
        var windows = new Dictionary<string, Window>(StringComparer.Ordinal);
        var order = new List<string>();
        Window? current = null;
        foreach (var line in lines)
        {
            var match = LogLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var text = match.Groups["text"].Value;
            var mark = text.IndexOf(MarkPrefix, StringComparison.Ordinal);
            if (match.Groups["db"].Value != Database)
            {
                if (mark >= 0)
                {
                    var label = text[(mark + MarkPrefix.Length)..].TrimEnd('\'');
                    if (!windows.TryGetValue(label, out current))
                    {
                        windows[label] = current = new Window();
                        order.Add(label);
                    }
                }

                continue;
            }

            current?.Add(match.Groups["pid"].Value + "/" + match.Groups["vxid"].Value, text);
        }

        var per = Math.Max(cases, 1);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- trace {string.Join(' ', args)}` — {cases} cases traced, averages per case.");
        report.AppendLine();
        report.AppendLine("| request | statements | transactions | DISCARD ALL | BEGIN … COMMIT | Hangfire / other background statements |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        var total = new Window();
        foreach (var label in order.Where(l => l != "end"))
        {
            var w = windows[label];
            total.Merge(w);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {w.Statements / (double)per:F1} | {w.Transactions / (double)per:F1} | {w.Discards / (double)per:F1} | {w.Begins / (double)per:F1} | {w.Background / (double)per:F1} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| **whole case** | **{total.Statements / (double)per:F1}** | **{total.Transactions / (double)per:F1}** | **{total.Discards / (double)per:F1}** | **{total.Begins / (double)per:F1}** | {total.Background / (double)per:F1} |");
        report.AppendLine();
        foreach (var label in order.Where(l => l != "end"))
        {
            report.AppendLine("- " + label + ": " + string.Join(", ",
                windows[label].Kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
                    .Select(k => k.Key + " ×" + (k.Value / (double)per).ToString("0.#", CultureInfo.InvariantCulture))));
        }

        return report.ToString();
    }

    /// <summary>The statements of one request (of all traced cases), by backend transaction and by kind.</summary>
    private sealed class Window
    {
        private readonly HashSet<string> _transactions = new(StringComparer.Ordinal);

        public int Statements { get; private set; }
        public int Discards { get; private set; }
        public int Begins { get; private set; }
        public int Background { get; private set; }
        public int Transactions => _transactions.Count;
        public Dictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

        public void Add(string transaction, string text)
        {
            var kind = Kind(text);
            if (kind.Contains("hangfire", StringComparison.OrdinalIgnoreCase))
            {
                Background++;
                return;
            }

            Statements++;
            _transactions.Add(transaction);
            Discards += kind == "DISCARD" ? 1 : 0;
            Begins += kind == "BEGIN" ? 1 : 0;
            Kinds[kind] = Kinds.GetValueOrDefault(kind) + 1;
        }

        public void Merge(Window other)
        {
            Statements += other.Statements;
            Discards += other.Discards;
            Begins += other.Begins;
            Background += other.Background;
            _transactions.UnionWith(other._transactions);
        }
    }

    private static string Kind(string text)
    {
        var verb = text.TrimStart().Split([' ', '\t', '('], 2)[0].ToUpperInvariant();
        var table = TableName().Match(text);
        return table.Success ? $"{verb} {table.Groups["table"].Value.Replace("\"", string.Empty, StringComparison.Ordinal)}" : verb;
    }

    private static IEnumerable<string> ReadFrom(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('\t') && lines.Count > 0)
            {
                lines[^1] += " " + line.Trim(); // a statement's further lines
            }
            else
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"^[^|]+\|(?<pid>\d+)\|(?<vxid>[^|]*)\|(?<db>[^|]*)\|LOG:  (?:statement|execute [^:]*): (?<text>.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"(?:\bFROM|\bINTO|^\s*UPDATE|^\s*DELETE FROM|\bJOIN)\s+(?<table>[\w.""]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();
}
