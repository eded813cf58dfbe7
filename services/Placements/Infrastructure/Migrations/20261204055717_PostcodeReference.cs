using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PostcodeReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reference_postcodes",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    easting = table.Column<int>(type: "integer", nullable: false),
                    northing = table.Column<int>(type: "integer", nullable: false),
                    district = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    upper_tier = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_postcodes", x => x.key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reference_postcodes");
        }
    }
}
