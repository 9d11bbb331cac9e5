using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>
/// A PostgreSQL step session's first reads in one round trip (one <see cref="NpgsqlBatch"/>): the instance row, locked
/// until the session's transaction ends (<c>FOR UPDATE</c>), the key's first answer if any, and the open bookmarks. The rows
/// come back as the entity types EF maps, so the commit can attach them (<see cref="EfWorkflowInstanceStore"/>).
/// </summary>
internal static class PostgresStepRead
{
    private const string Sql0 =
        "SELECT id, definition_id, definition_version_id, definition_version, status, state, version, created_at, updated_at " +
        "FROM onestop.workflow_instances WHERE id = $1 FOR UPDATE";

    private const string Sql1 =
        "SELECT bookmark_id, result_json, created_at FROM onestop.workflow_idempotency WHERE instance_id = $1 AND key = $2";

    private const string Sql2 =
        "SELECT id, activity_id, activity_type, name, payload, created_at FROM onestop.workflow_bookmarks " +
        "WHERE instance_id = $1 ORDER BY created_at, id";

    public sealed record Result(WorkflowInstanceRow? Instance, WorkflowIdempotencyRow? First, List<WorkflowBookmarkRow> Bookmarks);

    public static async Task<Result> ReadAsync(OneStopDbContext db, WorkflowInstanceId id, string key, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
        batch.BatchCommands.Add(Command(Sql0, id.Value));
        batch.BatchCommands.Add(Command(Sql1, id.Value, key));
        batch.BatchCommands.Add(Command(Sql2, id.Value));
        await using var reader = await batch.ExecuteReaderAsync(ct);

        WorkflowInstanceRow? instance = null;
        if (await reader.ReadAsync(ct))
        {
            instance = new WorkflowInstanceRow
            {
                Id = new WorkflowInstanceId(reader.GetGuid(0)),
                DefinitionId = reader.GetString(1),
                DefinitionVersionId = reader.GetString(2),
                DefinitionVersion = reader.GetInt32(3),
                Status = Enum.Parse<WorkflowStatus>(reader.GetString(4)),
                State = reader.GetString(5),
                Version = reader.GetInt64(6),
                CreatedAt = InstantAt(reader, 7),
                UpdatedAt = InstantAt(reader, 8),
            };
        }

        await reader.NextResultAsync(ct);
        WorkflowIdempotencyRow? first = null;
        if (await reader.ReadAsync(ct))
        {
            first = new WorkflowIdempotencyRow
            {
                InstanceId = id,
                Key = key,
                BookmarkId = new BookmarkId(reader.GetGuid(0)),
                ResultJson = reader.GetString(1),
                CreatedAt = InstantAt(reader, 2),
            };
        }

        await reader.NextResultAsync(ct);
        var bookmarks = new List<WorkflowBookmarkRow>();
        while (await reader.ReadAsync(ct))
        {
            bookmarks.Add(new WorkflowBookmarkRow
            {
                Id = new BookmarkId(reader.GetGuid(0)),
                InstanceId = id,
                ActivityId = reader.GetString(1),
                ActivityType = reader.GetString(2),
                Name = reader.GetString(3),
                Payload = reader.IsDBNull(4) ? null : reader.GetString(4),
                CreatedAt = InstantAt(reader, 5),
            });
        }

        return new Result(instance, first, bookmarks);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static Instant InstantAt(DbDataReader reader, int ordinal) => reader.GetFieldValue<Instant>(ordinal);
}
