using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEventsByToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_UserId_TokenId_At",
                table: "AuditEvents",
                columns: new[] { "UserId", "TokenId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_UserId_TokenId_At",
                table: "AuditEvents");
        }
    }
}
