using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EpisodeEndingsAndPopulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "foster_carer_id",
                table: "episodes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "home_postcode_district",
                table: "episodes",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_cost_override",
                table: "episodes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "reason_episode_ceased",
                table: "episodes",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason_for_placement_change",
                table: "episodes",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "urn",
                table: "episodes",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "population_references",
                columns: table => new
                {
                    collection_year = table.Column<int>(type: "integer", nullable: false),
                    under18population = table.Column<int>(type: "integer", nullable: true),
                    england_rate_per10000 = table.Column<decimal>(type: "numeric(8,1)", precision: 8, scale: 1, nullable: true),
                    statistical_neighbour_rate_per10000 = table.Column<decimal>(type: "numeric(8,1)", precision: 8, scale: 1, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_references", x => x.collection_year);
                });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_foster_carer_id",
                table: "episodes",
                column: "foster_carer_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_start_date_end_date",
                table: "episodes",
                columns: new[] { "start_date", "end_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "population_references");

            migrationBuilder.DropIndex(
                name: "ix_episodes_foster_carer_id",
                table: "episodes");

            migrationBuilder.DropIndex(
                name: "ix_episodes_start_date_end_date",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "foster_carer_id",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "home_postcode_district",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "is_cost_override",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "reason_episode_ceased",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "reason_for_placement_change",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "urn",
                table: "episodes");
        }
    }
}
