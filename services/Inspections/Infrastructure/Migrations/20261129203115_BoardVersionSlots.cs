using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Inspections.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BoardVersionSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "board_versions",
                columns: new[] { "id", "changed_at", "token" },
                values: new object[,]
                {
                    { 2, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000002") },
                    { 3, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000003") },
                    { 4, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000004") },
                    { 5, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000005") },
                    { 6, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000006") },
                    { 7, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000007") },
                    { 8, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000008") },
                    { 9, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000009") },
                    { 10, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000010") },
                    { 11, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000011") },
                    { 12, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000012") },
                    { 13, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000013") },
                    { 14, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000014") },
                    { 15, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000015") },
                    { 16, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), new Guid("6c1d5e0a-0000-4000-8000-000000000016") }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 2);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 3);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 4);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 5);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 6);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 7);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 8);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 9);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 10);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 11);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 12);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 13);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 14);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 15);

            migrationBuilder.DeleteData(
                table: "board_versions",
                keyColumn: "id",
                keyValue: 16);
        }
    }
}
