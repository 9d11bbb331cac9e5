using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "supervision_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    signal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    basis = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_alerts_signal",
                        column: x => x.signal_id,
                        principalTable: "supervision_signals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_alerts_case",
                table: "supervision_alerts",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_alerts_recipient_acknowledged",
                table: "supervision_alerts",
                columns: new[] { "recipient", "acknowledged_at" });

            migrationBuilder.CreateIndex(
                name: "ux_supervision_alerts_signal_recipient",
                table: "supervision_alerts",
                columns: new[] { "signal_id", "recipient" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_alerts");
        }
    }
}
