using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ingest.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SendersAndEventStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_hash",
                table: "received_events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "outcome_at",
                table: "received_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome_reason",
                table: "received_events",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome_service",
                table: "received_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sender",
                table: "received_events",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "received_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "broker_user",
                table: "api_keys",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rotated_at",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);

            // Events recorded before statuses were kept: sent if RabbitMQ confirmed them, else received.
            migrationBuilder.Sql("UPDATE received_events SET status = CASE WHEN published_at IS NULL THEN 'received' ELSE 'sent' END;");

            // A source now belongs to one key: where several active keys share one, the newest keeps it and the
            // older ones are revoked (docs/ingest.md tells administrators to rotate rather than add a key).
            migrationBuilder.Sql("""
                UPDATE api_keys AS k SET revoked_at = now()
                WHERE k.revoked_at IS NULL
                  AND EXISTS (SELECT 1 FROM api_keys AS newer
                              WHERE newer.source = k.source AND newer.revoked_at IS NULL
                                AND (newer.created_at, newer.id) > (k.created_at, k.id));
                """);

            migrationBuilder.CreateIndex(
                name: "ix_received_events_status_received_at",
                table: "received_events",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ux_api_keys_active_broker_user",
                table: "api_keys",
                column: "broker_user",
                unique: true,
                filter: "revoked_at IS NULL AND broker_user IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_api_keys_active_source",
                table: "api_keys",
                column: "source",
                unique: true,
                filter: "revoked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_received_events_status_received_at",
                table: "received_events");

            migrationBuilder.DropIndex(
                name: "ux_api_keys_active_broker_user",
                table: "api_keys");

            migrationBuilder.DropIndex(
                name: "ux_api_keys_active_source",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "outcome_at",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "outcome_reason",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "outcome_service",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "sender",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "status",
                table: "received_events");

            migrationBuilder.DropColumn(
                name: "broker_user",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "rotated_at",
                table: "api_keys");
        }
    }
}
