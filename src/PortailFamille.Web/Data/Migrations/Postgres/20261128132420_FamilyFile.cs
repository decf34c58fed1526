using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PortailFamille.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FamilyFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Contact_BeneficiaryName",
                table: "Families",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_BeneficiaryNumber",
                table: "Families",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Contact_BenefitScheme",
                table: "Families",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_HomePhone",
                table: "Families",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_MobilePhone1",
                table: "Families",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_MobilePhone2",
                table: "Families",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_PostalCode",
                table: "Families",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_Street",
                table: "Families",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_Town",
                table: "Families",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_WorkPhone1",
                table: "Families",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contact_WorkPhone2",
                table: "Families",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "Families",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Families",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Resources_MonthlyResources",
                table: "Families",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Resources_Parts",
                table: "Families",
                type: "numeric(4,1)",
                precision: 4,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Resources_Quotient",
                table: "Families",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Resources_QuotientGivenByFund",
                table: "Families",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Resources_UpdatedOn",
                table: "Families",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorisedPersons",
                table: "Children",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassName",
                table: "Children",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Diet",
                table: "Children",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HealthNote",
                table: "Children",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "School",
                table: "Children",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignUpDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpDrafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignUpDrafts_ExpiresAt",
                table: "SignUpDrafts",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignUpDrafts");

            migrationBuilder.DropColumn(
                name: "Contact_BeneficiaryName",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_BeneficiaryNumber",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_BenefitScheme",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_HomePhone",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_MobilePhone1",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_MobilePhone2",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_PostalCode",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_Street",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_Town",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_WorkPhone1",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Contact_WorkPhone2",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Resources_MonthlyResources",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Resources_Parts",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Resources_Quotient",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Resources_QuotientGivenByFund",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "Resources_UpdatedOn",
                table: "Families");

            migrationBuilder.DropColumn(
                name: "AuthorisedPersons",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "ClassName",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "Diet",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "HealthNote",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "School",
                table: "Children");
        }
    }
}
