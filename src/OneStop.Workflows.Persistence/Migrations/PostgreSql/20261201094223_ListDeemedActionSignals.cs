using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// Deemed-action signals get no sentinel clock id: <c>clock_id</c> becomes nullable; a deemed consent takes its
    /// review's step clock, a deemed acceptance has none (no clock runs before acceptance).
    /// </summary>
    public partial class ListDeemedActionSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "clock_id",
                schema: "onestop",
                table: "supervision_signals",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.Sql("UPDATE onestop.supervision_signals SET clock_id = NULL WHERE clock_id = '00000000-0000-0000-0000-000000000000';");
            migrationBuilder.Sql("UPDATE onestop.supervision_signals SET clock_id = (SELECT k.id FROM onestop.clocks k WHERE k.task_id = onestop.supervision_signals.subject_id) WHERE clock_id IS NULL AND rule = 'step.deemed-consent';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE onestop.supervision_signals SET clock_id = '00000000-0000-0000-0000-000000000000' WHERE clock_id IS NULL;");
            migrationBuilder.AlterColumn<Guid>(
                name: "clock_id",
                schema: "onestop",
                table: "supervision_signals",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
