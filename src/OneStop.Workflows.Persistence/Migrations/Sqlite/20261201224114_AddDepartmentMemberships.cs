using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDepartmentMemberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_departments",
                columns: table => new
                {
                    department_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_departments", x => new { x.user_name, x.department_code });
                    table.ForeignKey(
                        name: "FK_user_departments_departments_department_code",
                        column: x => x.department_code,
                        principalTable: "departments",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_user_departments_users_user_name",
                        column: x => x.user_name,
                        principalTable: "users",
                        principalColumn: "user_name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_departments_department_code",
                table: "user_departments",
                column: "department_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_departments");
        }
    }
}
