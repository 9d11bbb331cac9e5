using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneStop.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddApprovalDomain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    visibility = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    public_text = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    query_password_hash = table.Column<string>(type: "TEXT", nullable: false),
                    service_item_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    lead_department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    refusal_policy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    form_json = table.Column<string>(type: "TEXT", nullable: false),
                    materials = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    decision_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    remedy_rights = table.Column<string>(type: "TEXT", nullable: true),
                    result_document = table.Column<string>(type: "TEXT", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    receipt_date = table.Column<string>(type: "TEXT", nullable: false),
                    acceptance_date = table.Column<string>(type: "TEXT", nullable: true),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    corrections_received_date = table.Column<string>(type: "TEXT", nullable: true),
                    decision_date = table.Column<string>(type: "TEXT", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    owner = table.Column<string>(type: "TEXT", nullable: true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    delivery_address = table.Column<string>(type: "TEXT", nullable: true),
                    delivery_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    tracking_number = table.Column<string>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    applicant_id_number = table.Column<string>(type: "TEXT", nullable: false),
                    applicant_name = table.Column<string>(type: "TEXT", nullable: false),
                    applicant_phone = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "correction_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: true),
                    issued_by = table.Column<string>(type: "TEXT", nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_correction_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_items", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    bookmark_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    opinion = table.Column<string>(type: "TEXT", nullable: true),
                    decision_key = table.Column<string>(type: "TEXT", nullable: true),
                    time_limit_working_days = table.Column<int>(type: "INTEGER", nullable: true),
                    deemed_consent_days = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    department_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    password_hash = table.Column<string>(type: "TEXT", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.user_name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_at",
                table: "audit_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_case_id_at",
                table: "audit_events",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_instance_id",
                table: "cases",
                column: "instance_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_number",
                table: "cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_status_service_item_code",
                table: "cases",
                columns: new[] { "status", "service_item_code" });

            migrationBuilder.CreateIndex(
                name: "IX_correction_notices_case_id",
                table: "correction_notices",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_case_id",
                table: "notifications",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_sent_at",
                table: "notifications",
                column: "sent_at");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_assignee_status",
                table: "tasks",
                columns: new[] { "assignee", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_bookmark_id",
                table: "tasks",
                column: "bookmark_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_case_id",
                table: "tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_department_status",
                table: "tasks",
                columns: new[] { "department", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_users_department_code_role",
                table: "users",
                columns: new[] { "department_code", "role" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "correction_notices");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
