using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddCardBoardKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "case_open",
                schema: "onestop",
                table: "supervision_signals",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "department",
                schema: "onestop",
                table: "supervision_signals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "service_item",
                schema: "onestop",
                table: "supervision_signals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Backfill (ADR 0010): the fired signals get their board keys and their case's openness, as the sweep writes them.
            // Pending signals get theirs when they fire; a signal whose case does not exist gets no keys and is not open.
            migrationBuilder.Sql("""
                UPDATE onestop.supervision_signals AS s
                SET department = COALESCE((SELECT t.department FROM onestop.tasks AS t WHERE s.subject_kind = 'Step' AND t.id = s.subject_id), c.lead_department),
                    service_item = c.service_item_code,
                    case_open = c.status NOT IN ('Completed', 'NotAccepted')
                FROM onestop.cases AS c
                WHERE c.id = s.case_id AND s.fired_at IS NOT NULL;
                UPDATE onestop.supervision_signals SET case_open = false WHERE fired_at IS NOT NULL AND service_item IS NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_board_department",
                schema: "onestop",
                table: "supervision_signals",
                columns: new[] { "department", "level" },
                filter: "fired_at IS NOT NULL AND level <> 'Action' AND case_open");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_board_item",
                schema: "onestop",
                table: "supervision_signals",
                columns: new[] { "service_item", "level" },
                filter: "fired_at IS NOT NULL AND level <> 'Action' AND case_open");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_fired",
                schema: "onestop",
                table: "supervision_signals",
                columns: new[] { "fired_at", "due_at", "rule", "id" },
                descending: new[] { true, true, false, false },
                filter: "fired_at IS NOT NULL AND service_item IS NOT NULL");

            // The board counts with index-only scans, which read the heap for every page not marked all-visible. The sweep
            // and case closings update this table all day; the default thresholds (20 % of a table of millions of rows)
            // would leave many pages unmarked for hours. Vacuum after 1 % of the rows changed or were inserted (ADR 0010).
            migrationBuilder.Sql("ALTER TABLE onestop.supervision_signals SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE onestop.supervision_signals RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_board_department",
                schema: "onestop",
                table: "supervision_signals");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_board_item",
                schema: "onestop",
                table: "supervision_signals");

            migrationBuilder.DropIndex(
                name: "ix_supervision_signals_fired",
                schema: "onestop",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "case_open",
                schema: "onestop",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "department",
                schema: "onestop",
                table: "supervision_signals");

            migrationBuilder.DropColumn(
                name: "service_item",
                schema: "onestop",
                table: "supervision_signals");
        }
    }
}
