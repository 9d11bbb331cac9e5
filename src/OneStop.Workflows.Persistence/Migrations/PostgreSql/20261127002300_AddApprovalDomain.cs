using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddApprovalDomain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subject = table.Column<string>(type: "text", nullable: true),
                    details = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    visibility = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    public_text = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    query_password_hash = table.Column<string>(type: "text", nullable: false),
                    service_item_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    lead_department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    refusal_policy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    form_json = table.Column<string>(type: "text", nullable: false),
                    materials = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    decision_reasons = table.Column<string>(type: "text", nullable: true),
                    remedy_rights = table.Column<string>(type: "text", nullable: true),
                    result_document = table.Column<string>(type: "text", nullable: true),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    receipt_date = table.Column<LocalDate>(type: "date", nullable: false),
                    acceptance_date = table.Column<LocalDate>(type: "date", nullable: true),
                    accepted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    corrections_received_date = table.Column<LocalDate>(type: "date", nullable: true),
                    decision_date = table.Column<LocalDate>(type: "date", nullable: true),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    owner = table.Column<string>(type: "text", nullable: true),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    delivery_address = table.Column<string>(type: "text", nullable: true),
                    delivery_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    tracking_number = table.Column<string>(type: "text", nullable: true),
                    delivered_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    applicant_id_number = table.Column<string>(type: "text", nullable: false),
                    applicant_name = table.Column<string>(type: "text", nullable: false),
                    applicant_phone = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "correction_notices",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    issued_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    issued_by = table.Column<string>(type: "text", nullable: true),
                    answered_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_correction_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                schema: "onestop",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "text", nullable: false),
                    recipient = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                schema: "onestop",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_items", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                schema: "onestop",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: true),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    bookmark_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assignee = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    opinion = table.Column<string>(type: "text", nullable: true),
                    decision_key = table.Column<string>(type: "text", nullable: true),
                    time_limit_working_days = table.Column<int>(type: "integer", nullable: true),
                    deemed_consent_days = table.Column<int>(type: "integer", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                schema: "onestop",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.user_name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_at",
                schema: "onestop",
                table: "audit_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_case_id_at",
                schema: "onestop",
                table: "audit_events",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_instance_id",
                schema: "onestop",
                table: "cases",
                column: "instance_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_number",
                schema: "onestop",
                table: "cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_status_service_item_code",
                schema: "onestop",
                table: "cases",
                columns: new[] { "status", "service_item_code" });

            migrationBuilder.CreateIndex(
                name: "IX_correction_notices_case_id",
                schema: "onestop",
                table: "correction_notices",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_case_id",
                schema: "onestop",
                table: "notifications",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_sent_at",
                schema: "onestop",
                table: "notifications",
                column: "sent_at");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_assignee_status",
                schema: "onestop",
                table: "tasks",
                columns: new[] { "assignee", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_bookmark_id",
                schema: "onestop",
                table: "tasks",
                column: "bookmark_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_case_id",
                schema: "onestop",
                table: "tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_department_status",
                schema: "onestop",
                table: "tasks",
                columns: new[] { "department", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_users_department_code_role",
                schema: "onestop",
                table: "users",
                columns: new[] { "department_code", "role" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "correction_notices",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "departments",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "service_items",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "tasks",
                schema: "onestop");

            migrationBuilder.DropTable(
                name: "users",
                schema: "onestop");
        }
    }
}
