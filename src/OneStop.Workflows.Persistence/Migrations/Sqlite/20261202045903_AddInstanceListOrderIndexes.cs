using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddInstanceListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_created_at_id",
                table: "workflow_instances",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_updated_at_id",
                table: "workflow_instances",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workflow_instances_created_at_id",
                table: "workflow_instances");

            migrationBuilder.DropIndex(
                name: "ix_workflow_instances_updated_at_id",
                table: "workflow_instances");
        }
    }
}
