using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CreateWorkflowRuntime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "onestop");

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    is_published = table.Column<bool>(type: "boolean", nullable: false),
                    is_latest = table.Column<bool>(type: "boolean", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    definition_version_id = table.Column<string>(type: "text", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_bookmarks",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: false),
                    activity_type = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_bookmarks_instance",
                        column: x => x.instance_id,
                        principalSchema: "onestop",
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_idempotency",
                schema: "onestop",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    bookmark_id = table.Column<Guid>(type: "uuid", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_idempotency", x => new { x.instance_id, x.key });
                    table.ForeignKey(
                        name: "fk_workflow_idempotency_instance",
                        column: x => x.instance_id,
                        principalSchema: "onestop",
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_journal",
                schema: "onestop",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    @event = table.Column<string>(name: "event", type: "text", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: true),
                    activity_type = table.Column<string>(type: "text", nullable: true),
                    outcomes = table.Column<string>(type: "text", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_journal", x => new { x.instance_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_workflow_journal_instance",
                        column: x => x.instance_id,
                        principalSchema: "onestop",
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_bookmarks_activity_type_name",
                schema: "onestop",
                table: "workflow_bookmarks",
                columns: new[] { "activity_type", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_bookmarks_instance_id",
                schema: "onestop",
                table: "workflow_bookmarks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_definitions_definition_id",
                schema: "onestop",
                table: "workflow_definitions",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ux_workflow_definitions_definition_id_version",
                schema: "onestop",
                table: "workflow_definitions",
                columns: new[] { "definition_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_definition_id_status",
                schema: "onestop",
                table: "workflow_instances",
                columns: new[] { "definition_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_bookmarks",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "workflow_definitions",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "workflow_idempotency",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "workflow_journal",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "workflow_instances",
                schema: "onestop");
        }
    }
}
