using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TokenDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Uid",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            // Adding the column numbered existing accounts in storage order; number them in the order they were
            // created instead (as SQLite does), and let the sequence go on after the highest.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" AS u SET "Uid" = n.number
                FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "CreatedAt", "Id") AS number FROM "AspNetUsers") AS n
                WHERE u."Id" = n."Id";
                SELECT setval(pg_get_serial_sequence('"AspNetUsers"', 'Uid'), COALESCE(MAX("Uid"), 0) + 1, false) FROM "AspNetUsers";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Uid",
                table: "AspNetUsers",
                column: "Uid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Uid",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Uid",
                table: "AspNetUsers");
        }
    }
}
