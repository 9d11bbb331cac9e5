using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Deemed-action signals get no sentinel clock id: <c>clock_id</c> becomes nullable; a deemed consent takes its
    /// review's step clock, a deemed acceptance has none (no clock runs before acceptance).
    /// </summary>
    public partial class ListDeemedActionSignals : Migration
    {
        private const string Columns = "\"id\", \"basis\", \"case_id\", \"clock_id\", \"created_at\", \"due_at\", \"fired_at\", \"level\", \"rule\", \"subject_id\", \"subject_kind\"";

        /// <inheritdoc />
        /// <remarks>
        /// SQLite cannot alter a column, so the table is rebuilt by hand, inside the migration's transaction: copied aside,
        /// dropped, created anew and filled from the copy, which turns the sentinel clock ids into NULL on the way (an
        /// UPDATE before EF's own rebuild would still meet the NOT NULL column). Foreign keys stay on: deferred, the
        /// alerts that reference the signals are checked at commit, when their signals are back.
        /// </remarks>
        protected override void Up(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, nullableClock: true,
                "CASE WHEN s.clock_id = '00000000-0000-0000-0000-000000000000' THEN " +
                "(CASE WHEN s.rule = 'step.deemed-consent' THEN (SELECT k.id FROM clocks k WHERE k.task_id = s.subject_id) END) ELSE s.clock_id END");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, nullableClock: false,
                "CASE WHEN s.rule IN ('case.deemed-acceptance', 'step.deemed-consent') THEN '00000000-0000-0000-0000-000000000000' " +
                "ELSE COALESCE(s.clock_id, '00000000-0000-0000-0000-000000000000') END");

        private static void Rebuild(MigrationBuilder migrationBuilder, bool nullableClock, string clockId)
        {
            migrationBuilder.Sql("PRAGMA defer_foreign_keys = ON;");
            migrationBuilder.Sql("CREATE TABLE \"ef_copy_supervision_signals\" AS SELECT * FROM \"supervision_signals\";");
            migrationBuilder.Sql("DROP TABLE \"supervision_signals\";");
            migrationBuilder.Sql($"""
                CREATE TABLE "supervision_signals" (
                    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_signals" PRIMARY KEY,
                    "basis" TEXT NOT NULL,
                    "case_id" TEXT NOT NULL,
                    "clock_id" TEXT {(nullableClock ? "NULL" : "NOT NULL")},
                    "created_at" INTEGER NOT NULL,
                    "due_at" INTEGER NOT NULL,
                    "fired_at" INTEGER NULL,
                    "level" TEXT NOT NULL,
                    "rule" TEXT NOT NULL,
                    "subject_id" TEXT NOT NULL,
                    "subject_kind" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql($"""
                INSERT INTO "supervision_signals" ({Columns})
                SELECT s."id", s."basis", s."case_id", {clockId}, s."created_at", s."due_at", s."fired_at", s."level", s."rule", s."subject_id", s."subject_kind"
                FROM "ef_copy_supervision_signals" AS s;
                """);
            migrationBuilder.Sql("DROP TABLE \"ef_copy_supervision_signals\";");
            migrationBuilder.Sql("CREATE INDEX \"ix_supervision_signals_case_fired\" ON \"supervision_signals\" (\"case_id\", \"fired_at\");");
            migrationBuilder.Sql("CREATE INDEX \"ix_supervision_signals_clock\" ON \"supervision_signals\" (\"clock_id\");");
            migrationBuilder.Sql("CREATE INDEX \"ix_supervision_signals_pending_due_at\" ON \"supervision_signals\" (\"due_at\") WHERE fired_at IS NULL;");
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"ux_supervision_signals_subject_rule_level\" ON \"supervision_signals\" (\"subject_id\", \"rule\", \"level\");");
        }
    }
}
