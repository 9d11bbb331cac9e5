using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddClocksAndSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clocks",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    start = table.Column<LocalDate>(type: "date", nullable: false),
                    promised = table.Column<string>(type: "text", nullable: true),
                    statutory = table.Column<string>(type: "text", nullable: true),
                    statutory_extension = table.Column<string>(type: "text", nullable: true),
                    suspensions = table.Column<string>(type: "text", nullable: false),
                    extension = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_signals",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clock_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    basis = table.Column<string>(type: "text", nullable: false),
                    fired_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_signals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_case_id",
                schema: "onestop",
                table: "clocks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_task_id",
                schema: "onestop",
                table: "clocks",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_case_fired",
                schema: "onestop",
                table: "supervision_signals",
                columns: new[] { "case_id", "fired_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_clock",
                schema: "onestop",
                table: "supervision_signals",
                column: "clock_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_pending_due_at",
                schema: "onestop",
                table: "supervision_signals",
                column: "due_at",
                filter: "fired_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_supervision_signals_subject_rule_level",
                schema: "onestop",
                table: "supervision_signals",
                columns: new[] { "subject_id", "rule", "level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clocks",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "supervision_signals",
                schema: "onestop");
        }
    }
}
