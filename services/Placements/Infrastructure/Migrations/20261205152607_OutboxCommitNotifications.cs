using Microsoft.EntityFrameworkCore.Migrations;
using Platform.ServiceDefaults.Messaging;

#nullable disable

namespace Platform.Placements.Infrastructure.Migrations
{
    /// <summary>Outbox rows committed by any process wake the dispatchers (<see cref="OutboxNotifications"/>).</summary>
    public partial class OutboxCommitNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OutboxNotifications.CreateTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OutboxNotifications.DropTrigger);
        }
    }
}
