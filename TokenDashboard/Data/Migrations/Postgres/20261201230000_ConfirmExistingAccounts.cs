using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Postgres
{
    /// <summary>
    /// Accounts now sign in only once their email address is confirmed. Accounts made before that could not have
    /// confirmed theirs and were signing in: they keep doing so (data only; the model is unchanged).
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261201230000_ConfirmExistingAccounts")]
    public partial class ConfirmExistingAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"EmailConfirmed\" = TRUE WHERE NOT \"EmailConfirmed\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
