using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Finance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CommitmentRunningTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitment_total_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    commitments = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_total_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "commitment_totals",
                columns: table => new
                {
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    commitments = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_totals", x => new { x.financial_year, x.budget_line_code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_total_changes_financial_year",
                table: "commitment_total_changes",
                column: "financial_year");

            // The totals of the commitments already stored; from here on the consumers append changes
            // (CommitmentUpdater) and each recalculation of a year folds them (CommitmentTotalsSql).
            migrationBuilder.Sql("""
                INSERT INTO commitment_totals (financial_year, budget_line_code, amount, commitments)
                SELECT financial_year, budget_line_code, sum(amount), count(*) FROM commitments GROUP BY financial_year, budget_line_code;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commitment_total_changes");

            migrationBuilder.DropTable(
                name: "commitment_totals");
        }
    }
}
