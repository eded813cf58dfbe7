using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Workforce.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StaffCaseloadsSupervisionPostHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "advertised_on",
                table: "vacancies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "filled_by",
                table: "vacancies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "withdrawn_on",
                table: "vacancies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "changed_from",
                table: "posts",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "occupant_id",
                table: "posts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "caseload_thresholds",
                columns: table => new
                {
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    warning = table.Column<int>(type: "integer", nullable: false),
                    critical = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caseload_thresholds", x => x.job_role);
                });

            migrationBuilder.CreateTable(
                name: "post_versions",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    annual_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occupant_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_versions", x => x.sequence);
                    table.ForeignKey(
                        name: "fk_post_versions_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    employment_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    is_qualified_social_worker = table.Column<bool>(type: "boolean", nullable: false),
                    registration_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true),
                    leaving_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    agency_day_rate = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    expected_end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    caseload = table.Column<int>(type: "integer", nullable: false),
                    last_supervision_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_members_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_staff_members_teams_team_code",
                        column: x => x.team_code,
                        principalTable: "teams",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "absences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    working_days_lost = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absences", x => x.id);
                    table.ForeignKey(
                        name: "fk_absences_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_allocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    allocated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    released_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_allocations", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_allocations_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_overdue_notices",
                columns: table => new
                {
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    detected_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_overdue_notices", x => new { x.worker_id, x.due_on });
                    table.ForeignKey(
                        name: "fk_supervision_overdue_notices_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_sessions_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_absences_worker_id_first_day",
                table: "absences",
                columns: new[] { "worker_id", "first_day" });

            migrationBuilder.CreateIndex(
                name: "ix_case_allocations_case_reference",
                table: "case_allocations",
                column: "case_reference",
                unique: true,
                filter: "released_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_case_allocations_worker_id_allocated_on",
                table: "case_allocations",
                columns: new[] { "worker_id", "allocated_on" });

            migrationBuilder.CreateIndex(
                name: "ix_post_versions_effective_from",
                table: "post_versions",
                column: "effective_from");

            migrationBuilder.CreateIndex(
                name: "ix_post_versions_post_id_effective_from",
                table: "post_versions",
                columns: new[] { "post_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_post_id",
                table: "staff_members",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_team_code_start_date",
                table: "staff_members",
                columns: new[] { "team_code", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_sessions_worker_id_held_on",
                table: "supervision_sessions",
                columns: new[] { "worker_id", "held_on" });

            // Posts created before history was kept get their first version, so "as at" answers cover them too.
            migrationBuilder.Sql("""
                UPDATE posts SET changed_from = effective_from;
                INSERT INTO post_versions (post_id, effective_from, team_code, job_role, grade, fte, annual_cost, budget_line_code, status)
                SELECT id, effective_from, team_code, job_role, grade, fte, annual_cost, budget_line_code, status FROM posts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "absences");

            migrationBuilder.DropTable(
                name: "case_allocations");

            migrationBuilder.DropTable(
                name: "caseload_thresholds");

            migrationBuilder.DropTable(
                name: "post_versions");

            migrationBuilder.DropTable(
                name: "supervision_overdue_notices");

            migrationBuilder.DropTable(
                name: "supervision_sessions");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropColumn(
                name: "advertised_on",
                table: "vacancies");

            migrationBuilder.DropColumn(
                name: "filled_by",
                table: "vacancies");

            migrationBuilder.DropColumn(
                name: "withdrawn_on",
                table: "vacancies");

            migrationBuilder.DropColumn(
                name: "changed_from",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "occupant_id",
                table: "posts");
        }
    }
}
