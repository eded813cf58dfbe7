using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FosterCarersAndRateCard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "foster_carers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    approved_places = table.Column<int>(type: "integer", nullable: false),
                    age_from = table.Column<int>(type: "integer", nullable: false),
                    age_to = table.Column<int>(type: "integer", nullable: false),
                    is_in_house = table.Column<bool>(type: "boolean", nullable: false),
                    deregistered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    deregistration_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_foster_carers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rate_card",
                columns: table => new
                {
                    placement_type = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    provider = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    weekly_rate = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_card", x => new { x.placement_type, x.provider });
                });

            migrationBuilder.CreateTable(
                name: "capacity_exemption",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    foster_carer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    additional_places = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_exemption", x => x.id);
                    table.ForeignKey(
                        name: "fk_capacity_exemption_foster_carers_foster_carer_id",
                        column: x => x.foster_carer_id,
                        principalTable: "foster_carers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_visit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    foster_carer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_visit", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_visit_foster_carers_foster_carer_id",
                        column: x => x.foster_carer_id,
                        principalTable: "foster_carers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "rate_card",
                columns: new[] { "placement_type", "provider", "weekly_rate" },
                values: new object[,]
                {
                    { "A3", "", 0m },
                    { "A4", "", 0m },
                    { "A5", "", 0m },
                    { "A6", "", 0m },
                    { "H5", "", 1200m },
                    { "K1", "", 6000m },
                    { "K2", "", 3900m },
                    { "K2", "PR1", 3000m },
                    { "P1", "", 0m },
                    { "P2", "", 600m },
                    { "P3", "", 300m },
                    { "R1", "", 4200m },
                    { "R1", "PR1", 3200m },
                    { "R2", "", 2000m },
                    { "R3", "", 2500m },
                    { "R5", "", 0m },
                    { "S1", "", 3000m },
                    { "T0", "", 0m },
                    { "T1", "", 0m },
                    { "T2", "", 0m },
                    { "T3", "", 450m },
                    { "T4", "", 450m },
                    { "U1", "", 250m },
                    { "U2", "", 250m },
                    { "U3", "", 250m },
                    { "U4", "", 450m },
                    { "U4", "PR4", 850m },
                    { "U4", "PR5", 800m },
                    { "U5", "", 450m },
                    { "U5", "PR4", 850m },
                    { "U5", "PR5", 800m },
                    { "U6", "", 450m },
                    { "U6", "PR4", 850m },
                    { "U6", "PR5", 800m },
                    { "Z1", "", 1500m }
                });

            migrationBuilder.CreateIndex(
                name: "ix_capacity_exemption_foster_carer_id",
                table: "capacity_exemption",
                column: "foster_carer_id");

            migrationBuilder.CreateIndex(
                name: "ix_foster_carers_household_reference",
                table: "foster_carers",
                column: "household_reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_visit_foster_carer_id",
                table: "support_visit",
                column: "foster_carer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "capacity_exemption");

            migrationBuilder.DropTable(
                name: "rate_card");

            migrationBuilder.DropTable(
                name: "support_visit");

            migrationBuilder.DropTable(
                name: "foster_carers");
        }
    }
}
