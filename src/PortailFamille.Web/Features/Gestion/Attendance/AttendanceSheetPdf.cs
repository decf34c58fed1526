using Microsoft.Extensions.Options;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.FamilySpace;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>
/// The attendance sheet of a unit's day as a PDF (docs/product.md 5, Pointage): the same
/// children and facts as the page, a box to tick by hand before each expected child, the
/// marks already recorded, and lines to fill for the children who came without a booking.
/// </summary>
public sealed class AttendanceSheetPdf(IOptions<MunicipalityOptions> municipality)
{
    public byte[] Draw(AttendanceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var day = sheet.Day;
        var title = $"{day.Activity.Name} — {day.Unit.Name} — {Words(day.Date)}";
        using var document = new PdfWriter($"Feuille de pointage — {title}", logo: null);
        var marked = sheet.Expected.Count - sheet.Unmarked;
        List<string> facts = [$"{sheet.Expected.Count} enfant(s) attendu(s)", $"{marked} pointé(s)"];
        if (sheet.Unexpected.Count > 0)
        {
            facts.Add($"{sheet.Unexpected.Count} présence(s) non prévue(s)");
        }

        document.Header(municipality.Value, "POINTAGE", facts);
        document.Title(title);
        if (sheet.AllInvoiced)
        {
            document.Paragraph("Facturé : ce jour figure sur les factures, le pointage ne peut plus être modifié. Une correction passe par un avoir.");
        }

        document.Space(8);
        document.Title($"Enfants attendus ({sheet.Expected.Count})");
        if (sheet.Expected.Count == 0)
        {
            document.Paragraph("Aucun enfant n'a de place réservée ce jour-là.");
        }

        foreach (var child in sheet.Expected)
        {
            document.Entry(child.Name, Details(child, expected: true), box: true);
        }

        document.Space(8);
        document.Title($"Présences non prévues ({sheet.Unexpected.Count})");
        if (sheet.Unexpected.Count == 0)
        {
            document.Paragraph("Aucun enfant venu sans réservation.");
        }

        foreach (var child in sheet.Unexpected)
        {
            document.Entry(child.Name, Details(child, expected: false), box: false);
        }

        // Written by hand on the day, then entered on the page.
        document.Space(6);
        document.Paragraph("Enfants venus sans réservation (nom, prénom) : ..............................................................................");
        document.Paragraph("..................................................................................................................................................");
        document.Space(12);
        document.Paragraph("Pointé par : .................................................. Signature : ..............................");
        return document.Save($"Feuille de pointage {day.Activity.Name} / {day.Unit.Name} du {ParisClock.FormatDate(day.Date)}");
    }

    /// <summary>"lundi 04/01/2027".</summary>
    public static string Words(DateOnly date) => $"{FrenchDates.Day(date.DayOfWeek)} {ParisClock.FormatDate(date)}";

    /// <summary>"pointage-2027-01-04-restaurant-scolaire-repas.pdf"-like name, without characters a file system refuses.</summary>
    public static string FileName(SheetDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var words = $"{day.Activity.Name} {day.Unit.Name}".ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-');
        var slug = string.Join('-', new string([.. words]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"pointage-{day.Date:yyyy-MM-dd}-{slug}.pdf";
    }

    private static List<string> Details(SheetChild child, bool expected)
    {
        var details = new List<string>
        {
            $"{child.Age} an(s){(child.ClassName is { } className ? $", {className}" : "")}{(child.School is { } school ? $" — {school}" : "")}",
        };
        if (child.Diet != Diet.Standard)
        {
            details.Add($"Régime : {Labels.Of(child.Diet)}");
        }

        if (child.HealthNote is { } note)
        {
            details.Add($"Allergies, PAI : {note}");
        }

        var pickUp = child.AuthorisedPersons.Where(p => p.MayPickUp).ToList();
        var emergency = child.AuthorisedPersons.Where(p => p.EmergencyContact && !p.MayPickUp).ToList();
        details.Add($"Personnes autorisées : {(pickUp.Count == 0 ? "les parents seulement" : People(pickUp))}");
        if (emergency.Count > 0)
        {
            details.Add($"En cas d'urgence : {People(emergency)}");
        }

        if (child.Mark is { } mark)
        {
            var unexpected = expected ? "" : " (présence non prévue)";
            var invoiced = child.Invoiced ? " — Facturé" : "";
            details.Add($"Pointage : {AttendanceRecorder.Words(mark, child.Reason)}{unexpected}{invoiced}");
        }

        return details;

        static string People(IEnumerable<AuthorisedPerson> people) =>
            string.Join(" ; ", people.Select(p => $"{p.Name} ({p.Relationship}, {PhoneNumber.Format(p.Phone)})"));
    }
}
