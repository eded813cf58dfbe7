using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Workforce.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RestructureProgrammes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "restructure_programmes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    establishment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    consultation_started_on = table.Column<DateOnly>(type: "date", nullable: true),
                    hr1submitted_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restructure_programmes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "restructure_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    occupant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    redundancy_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    redeploy_to_post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    team_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    job_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    fte = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: true),
                    annual_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    budget_line_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restructure_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_restructure_proposals_restructure_programmes_programme_id",
                        column: x => x.programme_id,
                        principalTable: "restructure_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "voluntary_redundancies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    redundancy_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voluntary_redundancies", x => x.id);
                    table.ForeignKey(
                        name: "fk_voluntary_redundancies_restructure_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "restructure_proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_voluntary_redundancies_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_restructure_proposals_programme_id_effective_on",
                table: "restructure_proposals",
                columns: new[] { "programme_id", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_redundancies_programme_id",
                table: "voluntary_redundancies",
                column: "programme_id");

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_redundancies_proposal_id",
                table: "voluntary_redundancies",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_redundancies_worker_id",
                table: "voluntary_redundancies",
                column: "worker_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voluntary_redundancies");

            migrationBuilder.DropTable(
                name: "restructure_proposals");

            migrationBuilder.DropTable(
                name: "restructure_programmes");
        }
    }
}
