using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OwnersPublishMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_population_snapshots");

            migrationBuilder.DropTable(
                name: "caseload_snapshots");

            migrationBuilder.DropTable(
                name: "forecast_snapshots");

            migrationBuilder.DropTable(
                name: "foster_carers");

            migrationBuilder.DropTable(
                name: "placements");

            migrationBuilder.DropTable(
                name: "supervision_entries");

            migrationBuilder.DropTable(
                name: "vacancy_period");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropTable(
                name: "establishment_posts");

            migrationBuilder.CreateTable(
                name: "measure_points",
                columns: table => new
                {
                    measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    numerator = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    denominator = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_points", x => new { x.measure, x.scope, x.as_at });
                });

            migrationBuilder.CreateTable(
                name: "measure_publications",
                columns: table => new
                {
                    owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_publications", x => new { x.owner, x.version });
                });

            // Free foster places was not a sufficiency measure (docs/measures.md): its indicators now track the share of
            // fostered children placed with the council's own carers, and are rated again from the owner's values.
            migrationBuilder.Sql("""
                UPDATE indicators SET measure = 'foster-own-provision', unit = '% of children in foster care', direction = 'higher-is-better',
                    value = NULL, status = 'no-data', status_as_at = NULL
                WHERE measure = 'carer-capacity';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_points");

            migrationBuilder.DropTable(
                name: "measure_publications");

            migrationBuilder.CreateTable(
                name: "care_population_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    children_looked_after = table.Column<int>(type: "integer", nullable: false),
                    england_rate_per10000 = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rate_per10000 = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true)
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
                    caseload = table.Column<int>(type: "integer", nullable: false),
                    changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    warning_threshold = table.Column<int>(type: "integer", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caseload_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "establishment_posts",
                columns: table => new
                {
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deleted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_establishment_posts", x => x.post_id);
                });

            migrationBuilder.CreateTable(
                name: "forecast_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    total_budget = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    total_forecast = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
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
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    approved_places = table.Column<int>(type: "integer", nullable: false),
                    deregistered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    is_in_house = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_foster_carers", x => x.foster_carer_id);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                columns: table => new
                {
                    episode_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    foster_carer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false)
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
                    held_on = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false)
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
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    is_agency = table.Column<bool>(type: "boolean", nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workers", x => x.worker_id);
                });

            migrationBuilder.CreateTable(
                name: "vacancy_period",
                columns: table => new
                {
                    vacancy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    filled_on = table.Column<DateOnly>(type: "date", nullable: true),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    withdrawn_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_period", x => x.vacancy_id);
                    table.ForeignKey(
                        name: "fk_vacancy_period_establishment_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "establishment_posts",
                        principalColumn: "post_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_caseload_snapshots_team_code_changed_on",
                table: "caseload_snapshots",
                columns: new[] { "team_code", "changed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_establishment_posts_team_code",
                table: "establishment_posts",
                column: "team_code");

            migrationBuilder.CreateIndex(
                name: "ix_forecast_snapshots_financial_year_as_at",
                table: "forecast_snapshots",
                columns: new[] { "financial_year", "as_at" });

            migrationBuilder.CreateIndex(
                name: "ix_placements_child_id",
                table: "placements",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_entries_team_code",
                table: "supervision_entries",
                column: "team_code");

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_period_post_id",
                table: "vacancy_period",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_workers_team_code",
                table: "workers",
                column: "team_code");
        }
    }
}
