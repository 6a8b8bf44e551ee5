using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenDashboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnvironmentNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HighAvailability",
                table: "Environments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Environments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Ssl",
                table: "Environments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Nodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnvironmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeGroup = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NodeType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Image = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FixedCloudlets = table.Column<int>(type: "INTEGER", nullable: false),
                    FlexibleCloudlets = table.Column<int>(type: "INTEGER", nullable: false),
                    IsMaster = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExternalIp = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Nodes_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_EnvironmentId",
                table: "Nodes",
                column: "EnvironmentId");

            // Environments made before topologies run one application server, as one made by name alone does now.
            migrationBuilder.Sql("""
                INSERT INTO "Nodes" ("EnvironmentId", "NodeGroup", "NodeType", "FixedCloudlets", "FlexibleCloudlets", "IsMaster", "ExternalIp")
                SELECT "Id", 'cp', 'tomcat', 1, 8, 1, 0 FROM "Environments" ORDER BY "Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Nodes");

            migrationBuilder.DropColumn(
                name: "HighAvailability",
                table: "Environments");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Environments");

            migrationBuilder.DropColumn(
                name: "Ssl",
                table: "Environments");
        }
    }
}
