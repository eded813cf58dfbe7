using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Ssda903Tables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SEX is M/F/U from the 2024-25 collection; children imported from older returns held 1 and 2.
            migrationBuilder.Sql("UPDATE children SET sex = CASE sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE sex END;");

            migrationBuilder.AddColumn<string>(
                name: "home_postcode",
                table: "episodes",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "placement_postcode",
                table: "episodes",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_mother",
                table: "children",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "mother_child_date_of_birth",
                table: "children",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "upn",
                table: "children",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE children SET sex = CASE sex WHEN 'M' THEN '1' WHEN 'F' THEN '2' ELSE sex END;");

            migrationBuilder.DropColumn(
                name: "home_postcode",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "placement_postcode",
                table: "episodes");

            migrationBuilder.DropColumn(
                name: "is_mother",
                table: "children");

            migrationBuilder.DropColumn(
                name: "mother_child_date_of_birth",
                table: "children");

            migrationBuilder.DropColumn(
                name: "upn",
                table: "children");
        }
    }
}
