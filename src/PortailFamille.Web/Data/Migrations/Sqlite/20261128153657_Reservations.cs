using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PortailFamille.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Reservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reservations_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reservations_ActivityUnit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "ActivityUnit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reservations_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reservations_Families_FamilyId",
                        column: x => x.FamilyId,
                        principalTable: "Families",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reservations_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransferRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Night = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RequestsSent = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationsSent = table.Column<int>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    Waitlisted = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationsAccepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Promoted = table.Column<int>(type: "INTEGER", nullable: false),
                    FamiliesNotified = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitDayPlaces",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Taken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitDayPlaces", x => new { x.ActivityId, x.UnitId, x.Date });
                    table.ForeignKey(
                        name: "FK_UnitDayPlaces_ActivityUnit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "ActivityUnit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReservationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReservationId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservationChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReservationChanges_Reservations_ReservationId",
                        column: x => x.ReservationId,
                        principalTable: "Reservations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReservationChanges_At",
                table: "ReservationChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ReservationChanges_ReservationId",
                table: "ReservationChanges",
                column: "ReservationId");

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_ActivityId_Date_UnitId_State",
                table: "Reservations",
                columns: new[] { "ActivityId", "Date", "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_FamilyId",
                table: "Reservations",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_OneCellPerChildUnitDay",
                table: "Reservations",
                columns: new[] { "ChildId", "UnitId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_RegistrationId_Date",
                table: "Reservations",
                columns: new[] { "RegistrationId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_State_ActivityId",
                table: "Reservations",
                columns: new[] { "State", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_UnitId",
                table: "Reservations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferRuns_Night",
                table: "TransferRuns",
                column: "Night",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransferRuns_StartedAt",
                table: "TransferRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_UnitDayPlaces_UnitId",
                table: "UnitDayPlaces",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReservationChanges");

            migrationBuilder.DropTable(
                name: "TransferRuns");

            migrationBuilder.DropTable(
                name: "UnitDayPlaces");

            migrationBuilder.DropTable(
                name: "Reservations");
        }
    }
}
