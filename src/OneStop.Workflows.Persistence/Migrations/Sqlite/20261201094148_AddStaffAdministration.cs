using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddStaffAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "must_change_password",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "users",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "chinese_name",
                table: "departments",
                type: "TEXT",
                maxLength: 99,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "english_name",
                table: "departments",
                type: "TEXT",
                maxLength: 99,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "retired_at",
                table: "departments",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "must_change_password",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "users");

            migrationBuilder.DropColumn(
                name: "chinese_name",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "english_name",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "departments");
        }
    }
}
