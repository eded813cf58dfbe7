using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class VacancyHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "vacant_since",
                table: "establishment_posts");

            migrationBuilder.CreateTable(
                name: "vacancy_period",
                columns: table => new
                {
                    vacancy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filled_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_period", x => x.vacancy_id);
                    table.ForeignKey(
                        name: "fk_vacancy_period_establishment_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "establishment_posts",
                        principalColumn: "post_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_period_post_id",
                table: "vacancy_period",
                column: "post_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vacancy_period");

            migrationBuilder.AddColumn<DateOnly>(
                name: "vacant_since",
                table: "establishment_posts",
                type: "date",
                nullable: true);
        }
    }
}
