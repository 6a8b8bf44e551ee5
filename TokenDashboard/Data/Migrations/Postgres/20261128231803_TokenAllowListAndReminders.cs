using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TokenDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenAllowListAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "AllowedAddresses",
                table: "AccessTokens",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "ExpiryReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TokenId = table.Column<int>(type: "integer", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpiryReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpiryReminders_AccessTokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "AccessTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpiryReminders_TokenId_ExpiresOn_DaysBefore",
                table: "ExpiryReminders",
                columns: new[] { "TokenId", "ExpiresOn", "DaysBefore" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpiryReminders");

            migrationBuilder.DropColumn(
                name: "AllowedAddresses",
                table: "AccessTokens");
        }
    }
}
