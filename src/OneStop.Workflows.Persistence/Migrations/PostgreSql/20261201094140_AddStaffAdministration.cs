using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddStaffAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "must_change_password",
                schema: "onestop",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                schema: "onestop",
                table: "users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "chinese_name",
                schema: "onestop",
                table: "departments",
                type: "character varying(99)",
                maxLength: 99,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "english_name",
                schema: "onestop",
                table: "departments",
                type: "character varying(99)",
                maxLength: 99,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Instant>(
                name: "retired_at",
                schema: "onestop",
                table: "departments",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "must_change_password",
                schema: "onestop",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                schema: "onestop",
                table: "users");

            migrationBuilder.DropColumn(
                name: "chinese_name",
                schema: "onestop",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "english_name",
                schema: "onestop",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "retired_at",
                schema: "onestop",
                table: "departments");
        }
    }
}
