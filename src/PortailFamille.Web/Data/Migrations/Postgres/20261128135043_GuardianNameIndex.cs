using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PortailFamille.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuardianNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Guardians_LastName",
                table: "Guardians");

            migrationBuilder.CreateIndex(
                name: "IX_Guardians_LastName_FirstName",
                table: "Guardians",
                columns: new[] { "LastName", "FirstName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Guardians_LastName_FirstName",
                table: "Guardians");

            migrationBuilder.CreateIndex(
                name: "IX_Guardians_LastName",
                table: "Guardians",
                column: "LastName");
        }
    }
}
