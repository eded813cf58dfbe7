using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EstablishmentWithdrawalsAndDeletions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "withdrawn_on",
                table: "vacancy_period",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "deleted_on",
                table: "establishment_posts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "actions",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "withdrawn_on",
                table: "vacancy_period");

            migrationBuilder.DropColumn(
                name: "deleted_on",
                table: "establishment_posts");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "actions");
        }
    }
}
