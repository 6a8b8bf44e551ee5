using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing accounts are numbered in the order they were created, from 1.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "Uid" = (
                    SELECT COUNT(*) FROM "AspNetUsers" AS earlier
                    WHERE earlier."CreatedAt" < "AspNetUsers"."CreatedAt"
                       OR (earlier."CreatedAt" = "AspNetUsers"."CreatedAt" AND earlier."Id" <= "AspNetUsers"."Id"));
                """);

            // A new account gets the next number as it is inserted (SqliteAppDbContext.NumberAccountsTrigger).
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_NumberAccount" AFTER INSERT ON "AspNetUsers"
                WHEN NEW."Uid" = 0
                BEGIN
                    UPDATE "AspNetUsers" SET "Uid" = (SELECT COALESCE(MAX("Uid"), 0) + 1 FROM "AspNetUsers")
                    WHERE "Id" = NEW."Id";
                END;
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
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_NumberAccount";""");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Uid",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Uid",
                table: "AspNetUsers");
        }
    }
}
