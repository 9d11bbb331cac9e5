using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddSignInProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_lockouts",
                schema: "onestop",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_lockouts", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "staff_sessions",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_refresh_tokens",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_refresh_tokens_session",
                        column: x => x.session_id,
                        principalSchema: "onestop",
                        principalTable: "staff_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staff_refresh_tokens_session",
                schema: "onestop",
                table: "staff_refresh_tokens",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_sessions_user_name",
                schema: "onestop",
                table: "staff_sessions",
                column: "user_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_lockouts",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "staff_refresh_tokens",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "staff_sessions",
                schema: "onestop");
        }
    }
}
