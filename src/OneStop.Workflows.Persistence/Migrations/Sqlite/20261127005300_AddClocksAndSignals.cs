using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddClocksAndSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    start = table.Column<string>(type: "TEXT", nullable: false),
                    promised = table.Column<string>(type: "TEXT", nullable: true),
                    statutory = table.Column<string>(type: "TEXT", nullable: true),
                    statutory_extension = table.Column<string>(type: "TEXT", nullable: true),
                    suspensions = table.Column<string>(type: "TEXT", nullable: false),
                    extension = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    stopped_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_signals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    clock_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    basis = table.Column<string>(type: "TEXT", nullable: false),
                    fired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_signals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_case_id",
                table: "clocks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_task_id",
                table: "clocks",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_case_fired",
                table: "supervision_signals",
                columns: new[] { "case_id", "fired_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_clock",
                table: "supervision_signals",
                column: "clock_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_signals_pending_due_at",
                table: "supervision_signals",
                column: "due_at",
                filter: "fired_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_supervision_signals_subject_rule_level",
                table: "supervision_signals",
                columns: new[] { "subject_id", "rule", "level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clocks");

            migrationBuilder.DropTable(
                name: "supervision_signals");
        }
    }
}
