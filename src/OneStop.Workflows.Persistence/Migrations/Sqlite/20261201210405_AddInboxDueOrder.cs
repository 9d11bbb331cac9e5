using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddInboxDueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "due_day",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_inbox_created",
                table: "tasks",
                columns: new[] { "department", "created_at", "id" },
                descending: new[] { false, true, false },
                filter: "status IN ('Open', 'Paused')");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_inbox_due",
                table: "tasks",
                columns: new[] { "department", "due_day", "created_at", "id" },
                filter: "status IN ('Open', 'Paused')");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_cards",
                table: "supervision_signals",
                columns: new[] { "case_id", "level", "subject_kind", "subject_id" },
                filter: "fired_at IS NOT NULL AND level <> 'Action'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_inbox_created",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_inbox_due",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_cards",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "due_day",
                table: "tasks");
        }
    }
}
