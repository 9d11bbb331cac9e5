using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCardBoardKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "case_open",
                table: "supervision_signals",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "supervision_signals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "service_item",
                table: "supervision_signals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Backfill (ADR 0010): the fired signals get their board keys and their case's openness, as the sweep writes them.
            // Pending signals get theirs when they fire; a signal whose case does not exist gets no keys and is not open.
            migrationBuilder.Sql("""
                UPDATE "supervision_signals" SET
                    "department" = COALESCE(
                        (SELECT t."department" FROM "tasks" AS t WHERE "supervision_signals"."subject_kind" = 'Step' AND t."id" = "supervision_signals"."subject_id"),
                        (SELECT c."lead_department" FROM "cases" AS c WHERE c."id" = "supervision_signals"."case_id")),
                    "service_item" = (SELECT c."service_item_code" FROM "cases" AS c WHERE c."id" = "supervision_signals"."case_id"),
                    "case_open" = COALESCE((SELECT c."status" NOT IN ('Completed', 'NotAccepted') FROM "cases" AS c WHERE c."id" = "supervision_signals"."case_id"), 0)
                WHERE "fired_at" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_board_department",
                table: "supervision_signals",
                columns: new[] { "department", "level" },
                filter: "fired_at IS NOT NULL AND level <> 'Action' AND case_open");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_board_item",
                table: "supervision_signals",
                columns: new[] { "service_item", "level" },
                filter: "fired_at IS NOT NULL AND level <> 'Action' AND case_open");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_fired",
                table: "supervision_signals",
                columns: new[] { "fired_at", "due_at", "rule", "id" },
                descending: new[] { true, true, false, false },
                filter: "fired_at IS NOT NULL AND service_item IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_board_department",
                table: "supervision_signals");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_board_item",
                table: "supervision_signals");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_fired",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "case_open",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "department",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "service_item",
                table: "supervision_signals");
        }
    }
}
