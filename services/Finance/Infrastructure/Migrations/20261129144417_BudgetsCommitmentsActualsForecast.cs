using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Finance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BudgetsCommitmentsActualsForecast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_commitments",
                table: "commitments");

            migrationBuilder.AddColumn<DateOnly>(
                name: "committed_to",
                table: "commitments",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "commitments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Commitments recorded before this migration ran to 31 March of their year.
            migrationBuilder.Sql("""
                UPDATE commitments SET committed_to = make_date(financial_year + 1, 3, 31),
                    kind = CASE WHEN source LIKE 'post:%' THEN 'Post' ELSE 'Placement' END
                """);

            migrationBuilder.AddPrimaryKey(
                name: "pk_commitments",
                table: "commitments",
                columns: new[] { "source", "financial_year", "budget_line_code" });

            migrationBuilder.CreateTable(
                name: "commitment_sources",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: true),
                    placement_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    stopped_after = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    segments = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_sources", x => x.source);
                });

            migrationBuilder.CreateTable(
                name: "cost_centres",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cost_centres", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "forecast_adjustments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    made_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_adjustments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "savings_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owning_service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    target = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    delivered = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_savings_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "virements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    moves = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_virements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "year_forecast_states",
                columns: table => new
                {
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    above_threshold = table.Column<bool>(type: "boolean", nullable: false),
                    forecast_overspend = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    calculated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_year_forecast_states", x => x.financial_year);
                });

            migrationBuilder.CreateTable(
                name: "actuals",
                columns: table => new
                {
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    cost_centre_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actuals", x => new { x.financial_year, x.period, x.cost_centre_code, x.budget_line_code });
                    table.ForeignKey(
                        name: "fk_actuals_cost_centres_cost_centre_code",
                        column: x => x.cost_centre_code,
                        principalTable: "cost_centres",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    cost_centre_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    original_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    current_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_budgets_cost_centres_cost_centre_code",
                        column: x => x.cost_centre_code,
                        principalTable: "cost_centres",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "budget_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    budget_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    virement_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_changes_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_actuals_cost_centre_code",
                table: "actuals",
                column: "cost_centre_code");

            migrationBuilder.CreateIndex(
                name: "ix_actuals_financial_year_budget_line_code",
                table: "actuals",
                columns: new[] { "financial_year", "budget_line_code" });

            migrationBuilder.CreateIndex(
                name: "ix_budget_changes_budget_id",
                table: "budget_changes",
                column: "budget_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_changes_recorded_at",
                table: "budget_changes",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_cost_centre_code",
                table: "budgets",
                column: "cost_centre_code");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_financial_year_cost_centre_code_budget_line_code",
                table: "budgets",
                columns: new[] { "financial_year", "cost_centre_code", "budget_line_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forecast_adjustments_financial_year_budget_line_code",
                table: "forecast_adjustments",
                columns: new[] { "financial_year", "budget_line_code" });

            migrationBuilder.CreateIndex(
                name: "ix_savings_targets_financial_year_budget_line_code",
                table: "savings_targets",
                columns: new[] { "financial_year", "budget_line_code" });

            migrationBuilder.CreateIndex(
                name: "ix_virements_financial_year_status",
                table: "virements",
                columns: new[] { "financial_year", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actuals");

            migrationBuilder.DropTable(
                name: "budget_changes");

            migrationBuilder.DropTable(
                name: "commitment_sources");

            migrationBuilder.DropTable(
                name: "forecast_adjustments");

            migrationBuilder.DropTable(
                name: "savings_targets");

            migrationBuilder.DropTable(
                name: "virements");

            migrationBuilder.DropTable(
                name: "year_forecast_states");

            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropTable(
                name: "cost_centres");

            migrationBuilder.DropPrimaryKey(
                name: "pk_commitments",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "committed_to",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "commitments");

            migrationBuilder.AddPrimaryKey(
                name: "pk_commitments",
                table: "commitments",
                columns: new[] { "source", "financial_year" });
        }
    }
}
