using System.Globalization;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

/// <summary>
/// The commune's calendar as the administrator keeps it: school holidays typed or imported,
/// closure days. The commune already keeps Toussaint 2026 (17/10 to 01/11) and Noël (19/12 to
/// 03/01/2027).
/// </summary>
public class CommuneCalendarRulesTests
{
    private static readonly SchoolHoliday Toussaint = new("Vacances de la Toussaint", Range("17/10/2026", "01/11/2026"));
    private static readonly SchoolHoliday Noel = new("Vacances de Noël", Range("19/12/2026", "03/01/2027"));
    private static readonly SchoolHoliday[] Kept = [Toussaint, Noel];

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static DateRange Range(string start, string end) => new(Day(start), Day(end));

    public static TheoryData<string?, string, string, string?, string?> Holidays => new()
    {
        // label, first day, last day, field refused (null: accepted), message
        { "Vacances d'hiver", "06/02/2027", "21/02/2027", null, null },
        { "  Vacances   d'hiver ", "06/02/2027", "06/02/2027", null, null },
        { "Touche la Toussaint", "02/11/2026", "18/12/2026", null, null },
        { "", "06/02/2027", "21/02/2027", "Label", "Saisissez le nom des vacances, par exemple Vacances de la Toussaint (100 caractères au plus)." },
        { "Vacances\td'hiver", "06/02/2027", "21/02/2027", "Label", "Saisissez le nom des vacances, par exemple Vacances de la Toussaint (100 caractères au plus)." },
        { new string('a', 101), "06/02/2027", "21/02/2027", "Label", "Saisissez le nom des vacances, par exemple Vacances de la Toussaint (100 caractères au plus)." },
        { "À l'envers", "21/02/2027", "06/02/2027", "End", "Le dernier jour des vacances ne peut pas précéder le premier." },
        { "Vacances d'été", "03/07/2027", "10/10/2027", null, null },
        { "Faute de frappe", "03/07/2027", "11/10/2027", "End", "Des vacances scolaires durent au plus 100 jours : vérifiez le premier et le dernier jour." },
        { "Pont", "01/11/2026", "02/11/2026", "Start", "Ces dates chevauchent Vacances de la Toussaint (du 17/10/2026 au 01/11/2026) : supprimez ces vacances d'abord, ou corrigez les dates." },
        { "Tout l'hiver", "01/10/2026", "05/01/2027", "Start", "Ces dates chevauchent Vacances de la Toussaint (du 17/10/2026 au 01/11/2026) : supprimez ces vacances d'abord, ou corrigez les dates." },
        { "Noël bis", "25/12/2026", "26/12/2026", "Start", "Ces dates chevauchent Vacances de Noël (du 19/12/2026 au 03/01/2027) : supprimez ces vacances d'abord, ou corrigez les dates." },
    };

    [Theory]
    [MemberData(nameof(Holidays))]
    public void NewHoliday_IsNamed_InOrder_Bounded_AndOverlapsNoneKept(string? label, string start, string end, string? field, string? message)
    {
        var outcome = CommuneCalendarRules.NewHoliday(label, Day(start), Day(end), Kept);

        if (field is null)
        {
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
            Assert.Equal(Range(start, end), outcome.Value.Dates);
            Assert.Equal(string.Join(' ', label!.Split(' ', StringSplitOptions.RemoveEmptyEntries)), outcome.Value.Label);
        }
        else
        {
            var refusal = Assert.Single(outcome.Refusals);
            Assert.Equal((field, message), (refusal.Field, refusal.Message));
        }
    }

    public static TheoryData<string, string?, string[], string?, string?> Closures => new()
    {
        { "14/05/2027", "Pont de l'Ascension", [], null, null },
        { "14/05/2027", " Pont  de l'Ascension ", ["13/05/2027"], null, null },
        { "14/05/2027", "Encore", ["14/05/2027"], "Date", "Le 14/05/2027 est déjà un jour de fermeture." },
        { "14/05/2027", "   ", [], "Label", "Saisissez le motif de la fermeture, par exemple Pont de l'Ascension (100 caractères au plus)." },
        { "14/05/2027", null, [], "Label", "Saisissez le motif de la fermeture, par exemple Pont de l'Ascension (100 caractères au plus)." },
    };

    [Theory]
    [MemberData(nameof(Closures))]
    public void NewClosure_HasAReason_AndIsNotClosedAlready(string date, string? reason, string[] closed, string? field, string? message)
    {
        var outcome = CommuneCalendarRules.NewClosure(Day(date), reason, closed.Select(Day));

        if (field is null)
        {
            Assert.True(outcome.Succeeded);
            Assert.Equal(new Closure(Day(date), "Pont de l'Ascension"), outcome.Value);
        }
        else
        {
            var refusal = Assert.Single(outcome.Refusals);
            Assert.Equal((field, message), (refusal.Field, refusal.Message));
        }
    }

    [Fact]
    public void NewClosure_WithBothMistakes_SaysBoth() =>
        Assert.Equal(["Date", "Label"], CommuneCalendarRules.NewClosure(Day("14/05/2027"), "", [Day("14/05/2027")]).Refusals.Select(r => r.Field));

    private static readonly SchoolHoliday ToussaintFile = new("Vacances de la Toussaint", Range("17/10/2026", "01/11/2026"));
    private static readonly SchoolHoliday HiverZoneA = new("Vacances d'hiver", Range("06/02/2027", "21/02/2027"));
    private static readonly SchoolHoliday HiverZoneB = new("Vacances d'hiver", Range("13/02/2027", "28/02/2027"));
    private static readonly SchoolHoliday Ete = new("Vacances d'été", Range("03/07/2027", "31/08/2027"));

    public static TheoryData<SchoolHoliday[], string[], string[], string?> Imports => new()
    {
        // the file, what it adds (labels in date order), what it replaces (keys), refusal
        { [Ete, HiverZoneA], ["Vacances d'hiver", "Vacances d'été"], [], null },
        // Last year's import and a typed holiday overlapped by the file go; the others stay.
        { [ToussaintFile, HiverZoneA], ["Vacances de la Toussaint", "Vacances d'hiver"], ["toussaint"], null },
        { [new("Vacances de fin d'année", Range("20/12/2026", "03/01/2027"))], ["Vacances de fin d'année"], ["noel"], null },
        // The same holiday listed for several zones counts once.
        { [ToussaintFile, ToussaintFile, HiverZoneA], ["Vacances de la Toussaint", "Vacances d'hiver"], ["toussaint"], null },
        { [], [], [], "Le fichier ne contient aucune période de vacances." },
        {
            [ToussaintFile, HiverZoneA, HiverZoneB], [], [],
            "Le fichier contient des vacances qui se chevauchent (Vacances d'hiver du 06/02/2027 au 21/02/2027, Vacances d'hiver du 13/02/2027 au 28/02/2027) : sans doute celles de plusieurs zones. Indiquez votre zone, par exemple Zone A, pour ne garder que les siennes."
        },
        {
            [new("Vacances", Range("01/09/2026", "31/08/2027"))], [], [],
            "Vacances du fichier dure plus de 100 jours (du 01/09/2026 au 31/08/2027) : ce n'est pas un calendrier scolaire."
        },
    };

    [Theory]
    [MemberData(nameof(Imports))]
    public void Import_KeepsEachHolidayOfTheFileOnce_AndReplacesThoseItOverlaps(SchoolHoliday[] file, string[] added, string[] replaced, string? refusal)
    {
        var outcome = CommuneCalendarRules.Import(file, [("toussaint", Toussaint), ("noel", Noel)]);

        if (refusal is null)
        {
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
            Assert.Equal(added, outcome.Value.Added.Select(h => h.Label));
            Assert.Equal(replaced, outcome.Value.Replaced);
        }
        else
        {
            Assert.Equal(refusal, Assert.Single(outcome.Refusals).Message);
        }
    }

    public static TheoryData<string, string, string, string, bool> Overlaps => new()
    {
        { "01/01/2027", "10/01/2027", "10/01/2027", "20/01/2027", true },
        { "01/01/2027", "10/01/2027", "11/01/2027", "20/01/2027", false },
        { "05/01/2027", "06/01/2027", "01/01/2027", "31/01/2027", true },
        { "01/01/2027", "01/01/2027", "01/01/2027", "01/01/2027", true },
        // A range whose end is before its start holds no day.
        { "10/01/2027", "01/01/2027", "05/01/2027", "06/01/2027", false },
    };

    [Theory]
    [MemberData(nameof(Overlaps))]
    public void Overlap_IsHavingADayInCommon(string aStart, string aEnd, string bStart, string bEnd, bool expected)
    {
        Assert.Equal(expected, CommuneCalendarRules.Overlap(Range(aStart, aEnd), Range(bStart, bEnd)));
        Assert.Equal(expected, CommuneCalendarRules.Overlap(Range(bStart, bEnd), Range(aStart, aEnd)));
    }
}
