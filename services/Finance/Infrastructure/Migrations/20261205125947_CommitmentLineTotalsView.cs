using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Finance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CommitmentLineTotalsView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments",
                columns: new[] { "financial_year", "budget_line_code" });

            // One definition of a line's commitments for every reader (CommitmentTotalsSql): folded total plus the changes
            // not folded yet; a line counts while it has a commitment. A reader's filter on the year reaches both tables.
            migrationBuilder.Sql("""
                CREATE VIEW commitment_line_totals AS
                SELECT financial_year, budget_line_code, sum(amount) AS amount, sum(commitments)::int AS commitments
                FROM (SELECT financial_year, budget_line_code, amount, commitments FROM commitment_totals
                      UNION ALL
                      SELECT financial_year, budget_line_code, amount, commitments FROM commitment_total_changes) AS lines
                GROUP BY financial_year, budget_line_code
                HAVING sum(commitments) > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW commitment_line_totals;");

            migrationBuilder.DropIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments",
                columns: new[] { "financial_year", "budget_line_code" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });
        }
    }
}
