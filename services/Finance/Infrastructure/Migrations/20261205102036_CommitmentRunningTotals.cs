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

            // Every statement that changes commitments appends what it changed each (year, line) total by, whoever runs it
            // (this version's consumers, an older replica still running during a rolling upgrade, an operator's SQL), so
            // the totals cannot drift from the rows; each recalculation of a year folds the changes (CommitmentTotalsSql).
            // The triggers come first: creating them locks out writers until this migration commits, so the totals of
            // the rows already stored, computed next, miss nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION record_commitment_total_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO commitment_total_changes (financial_year, budget_line_code, amount, commitments)
                        SELECT financial_year, budget_line_code, sum(amount), count(*)::int FROM new_rows
                        GROUP BY financial_year, budget_line_code;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO commitment_total_changes (financial_year, budget_line_code, amount, commitments)
                        SELECT financial_year, budget_line_code, -sum(amount), -count(*)::int FROM old_rows
                        GROUP BY financial_year, budget_line_code;
                    ELSE
                        INSERT INTO commitment_total_changes (financial_year, budget_line_code, amount, commitments)
                        SELECT financial_year, budget_line_code, sum(amount), sum(commitments)::int
                        FROM (SELECT financial_year, budget_line_code, amount, 1 AS commitments FROM new_rows
                              UNION ALL
                              SELECT financial_year, budget_line_code, -amount, -1 FROM old_rows) AS changed
                        GROUP BY financial_year, budget_line_code
                        HAVING sum(amount) <> 0 OR sum(commitments) <> 0;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER commitments_totals_insert AFTER INSERT ON commitments REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION record_commitment_total_changes();
                CREATE TRIGGER commitments_totals_update AFTER UPDATE ON commitments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION record_commitment_total_changes();
                CREATE TRIGGER commitments_totals_delete AFTER DELETE ON commitments REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION record_commitment_total_changes();

                INSERT INTO commitment_totals (financial_year, budget_line_code, amount, commitments)
                SELECT financial_year, budget_line_code, sum(amount), count(*) FROM commitments GROUP BY financial_year, budget_line_code;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER commitments_totals_insert ON commitments;
                DROP TRIGGER commitments_totals_update ON commitments;
                DROP TRIGGER commitments_totals_delete ON commitments;
                DROP FUNCTION record_commitment_total_changes();
                """);
            migrationBuilder.DropTable(
                name: "commitment_total_changes");

            migrationBuilder.DropTable(
                name: "commitment_totals");
        }
    }
}
