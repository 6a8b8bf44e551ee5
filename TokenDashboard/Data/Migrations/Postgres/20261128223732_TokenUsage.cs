using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TokenUsage",
                columns: table => new
                {
                    TokenId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    Refused = table.Column<long>(type: "bigint", nullable: false),
                    LastCallAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastRefusedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenUsage", x => new { x.TokenId, x.Day, x.Method });
                    table.ForeignKey(
                        name: "FK_TokenUsage_AccessTokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "AccessTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TokenUsage_Day",
                table: "TokenUsage",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TokenUsage");
        }
    }
}
