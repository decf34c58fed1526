using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PortailFamille.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneLiveRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_ChildId",
                table: "Registrations");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_OneLivePerChildActivityPeriod",
                table: "Registrations",
                columns: new[] { "ChildId", "ActivityId", "PeriodId" },
                unique: true,
                filter: "\"Status\" <> 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_OneLivePerChildActivityPeriod",
                table: "Registrations");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_ChildId",
                table: "Registrations",
                column: "ChildId");
        }
    }
}
