using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImprovementService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "board_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    token = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "care_population_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    children_looked_after = table.Column<int>(type: "integer", nullable: false),
                    rate_per10000 = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    england_rate_per10000 = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_population_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "caseload_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    caseload = table.Column<int>(type: "integer", nullable: false),
                    warning_threshold = table.Column<int>(type: "integer", nullable: false),
                    changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caseload_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_notices",
                columns: table => new
                {
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_notices", x => new { x.source_id, x.kind, x.due_on });
                });

            migrationBuilder.CreateTable(
                name: "directions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    superseded_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forecast_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    total_budget = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    total_forecast = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "foster_carers",
                columns: table => new
                {
                    foster_carer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_in_house = table.Column<bool>(type: "boolean", nullable: false),
                    approved_places = table.Column<int>(type: "integer", nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deregistered_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_foster_carers", x => x.foster_carer_id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    previous_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_status_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    target = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    tolerance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    direction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    status_as_at = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    on_site_from = table.Column<DateOnly>(type: "date", nullable: false),
                    on_site_to = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                columns: table => new
                {
                    episode_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    foster_carer_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placements", x => x.episode_id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workers",
                columns: table => new
                {
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    is_agency = table.Column<bool>(type: "boolean", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workers", x => x.worker_id);
                });

            migrationBuilder.CreateTable(
                name: "commissioners",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    appointed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    direction_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commissioners", x => x.id);
                    table.ForeignKey(
                        name: "fk_commissioners_directions_direction_id",
                        column: x => x.direction_id,
                        principalTable: "directions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "direction_requirements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direction_requirements", x => x.id);
                    table.ForeignKey(
                        name: "fk_direction_requirements_directions_direction_id",
                        column: x => x.direction_id,
                        principalTable: "directions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    is_priority_action = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.id);
                    table.ForeignKey(
                        name: "fk_areas_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "judgement",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    grade = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_judgement", x => x.id);
                    table.ForeignKey(
                        name: "fk_judgement_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commissioner_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    report_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recommendation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    findings = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commissioner_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_commissioner_reviews_commissioners_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "commissioners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    owner_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    overdue_raised_for = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_actions_areas_area_id",
                        column: x => x.area_id,
                        principalTable: "areas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "board_versions",
                columns: new[] { "id", "changed_at", "token" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000001") });

            migrationBuilder.CreateIndex(
                name: "ix_actions_area_code",
                table: "actions",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_actions_area_id",
                table: "actions",
                column: "area_id");

            migrationBuilder.CreateIndex(
                name: "ix_actions_due_on",
                table: "actions",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "ix_areas_code",
                table: "areas",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_areas_inspection_id",
                table: "areas",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_caseload_snapshots_team_code_changed_on",
                table: "caseload_snapshots",
                columns: new[] { "team_code", "changed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_commissioner_reviews_appointment_id",
                table: "commissioner_reviews",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_commissioners_direction_id",
                table: "commissioners",
                column: "direction_id");

            migrationBuilder.CreateIndex(
                name: "ix_direction_requirements_direction_id",
                table: "direction_requirements",
                column: "direction_id");

            migrationBuilder.CreateIndex(
                name: "ix_forecast_snapshots_financial_year_as_at",
                table: "forecast_snapshots",
                columns: new[] { "financial_year", "as_at" });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_status_changes_indicator_code",
                table: "indicator_status_changes",
                column: "indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_indicators_measure",
                table: "indicators",
                column: "measure");

            migrationBuilder.CreateIndex(
                name: "ix_judgement_inspection_id_type",
                table: "judgement",
                columns: new[] { "inspection_id", "type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_child_id",
                table: "placements",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_entries_team_code",
                table: "supervision_entries",
                column: "team_code");

            migrationBuilder.CreateIndex(
                name: "ix_workers_team_code",
                table: "workers",
                column: "team_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "board_versions");

            migrationBuilder.DropTable(
                name: "care_population_snapshots");

            migrationBuilder.DropTable(
                name: "caseload_snapshots");

            migrationBuilder.DropTable(
                name: "commissioner_reviews");

            migrationBuilder.DropTable(
                name: "deadline_notices");

            migrationBuilder.DropTable(
                name: "direction_requirements");

            migrationBuilder.DropTable(
                name: "forecast_snapshots");

            migrationBuilder.DropTable(
                name: "foster_carers");

            migrationBuilder.DropTable(
                name: "indicator_status_changes");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "judgement");

            migrationBuilder.DropTable(
                name: "placements");

            migrationBuilder.DropTable(
                name: "supervision_entries");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "commissioners");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "directions");
        }
    }
}
