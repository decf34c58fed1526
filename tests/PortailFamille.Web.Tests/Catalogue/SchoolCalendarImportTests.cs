using PortailFamille.Web.Features.Catalogue;

namespace PortailFamille.Web.Tests.Catalogue;

/// <summary>How the events of an iCalendar file become days without school.</summary>
public sealed class SchoolCalendarImportTests
{
    private static string Calendar(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Essai//FR\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    private static string Event(string uid, string summary, string dates) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260601T080000Z\r\n{dates}SUMMARY:{summary}\r\nEND:VEVENT\r\n";

    [Fact]
    public void DtEnd_IsExclusive_AMissingOrEqualEndIsOneDay_AndTheRentreeIsSkipped()
    {
        var text = Calendar(
            Event("a", "Vacances de la Toussaint", "DTSTART;VALUE=DATE:20261017\r\nDTEND;VALUE=DATE:20261102\r\n"),
            Event("b", "Pont de l'Ascension", "DTSTART;VALUE=DATE:20270507\r\n"),
            Event("c", "Journée banalisée", "DTSTART;VALUE=DATE:20270312\r\nDTEND;VALUE=DATE:20270312\r\n"),
            Event("d", "Vacances d'été", "DTSTART:20270703T000000\r\nDTEND:20270901T000000\r\n"),
            Event("e", "Rentrée scolaire des élèves", "DTSTART;VALUE=DATE:20270901\r\n"));

        var holidays = SchoolCalendarImport.Read(text, filter: null);

        Assert.Equal(
        [
            new ImportedHoliday("Vacances de la Toussaint", new DateOnly(2026, 10, 17), new DateOnly(2026, 11, 1)),
            new ImportedHoliday("Journée banalisée", new DateOnly(2027, 3, 12), new DateOnly(2027, 3, 12)),
            new ImportedHoliday("Pont de l'Ascension", new DateOnly(2027, 5, 7), new DateOnly(2027, 5, 7)),
            new ImportedHoliday("Vacances d'été", new DateOnly(2027, 7, 3), new DateOnly(2027, 8, 31)),
        ], holidays);
    }

    [Fact]
    public void TheFilter_KeepsEventsThatMentionIt()
    {
        var text = Calendar(
            Event("a", "Vacances d'hiver - Zone A", "DTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270222\r\n"),
            Event("b", "Vacances d'hiver - Zone B", "DTSTART;VALUE=DATE:20270220\r\nDTEND;VALUE=DATE:20270308\r\n"));

        var holidays = SchoolCalendarImport.Read(text, "zone b");

        Assert.Equal([new ImportedHoliday("Vacances d'hiver - Zone B", new DateOnly(2027, 2, 20), new DateOnly(2027, 3, 7))], holidays);
    }

    [Fact]
    public void AnEventOfYearOne_IsRead_ForThePageToRefuse()
    {
        var text = Calendar(Event("a", "Vacances de l'an 1", "DTSTART;VALUE=DATE:00010101\r\nDTEND;VALUE=DATE:00010101\r\n"));

        var holidays = SchoolCalendarImport.Read(text, filter: null);

        Assert.Equal([new ImportedHoliday("Vacances de l'an 1", DateOnly.MinValue, DateOnly.MinValue)], holidays);
    }
}
