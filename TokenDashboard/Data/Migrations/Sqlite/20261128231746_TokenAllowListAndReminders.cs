using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TokenAllowListAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowedAddresses",
                table: "AccessTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ExpiryReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
