using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Finance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CommitmentTotalsCoveringIndex : Migration
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
                columns: new[] { "financial_year", "budget_line_code" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_financial_year_budget_line_code",
                table: "commitments",
                columns: new[] { "financial_year", "budget_line_code" });
        }
    }
}
