using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PortailFamille.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransferRefusalsAndRequiredHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Refused",
                table: "TransferRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<Guid>(
                name: "ReservationId",
                table: "ReservationChanges",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Refused",
                table: "TransferRuns");

            migrationBuilder.AlterColumn<Guid>(
                name: "ReservationId",
                table: "ReservationChanges",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");
        }
    }
}
