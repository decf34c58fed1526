using Ical.Net.CalendarComponents;
using PortailFamille.Domain.Common;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>A school holiday read from an iCalendar file: the days without school, both included.</summary>
public sealed record ImportedHoliday(string Label, DateOnly Start, DateOnly End);

/// <summary>
/// Reads the ministry's school calendar (.ics): each VEVENT with a start becomes a holiday from
/// DTSTART to the day before DTEND, since DTEND is exclusive ("reprise des cours"); an event
/// without DTEND, or ending on its start, is one day. "Rentrée…" events are school days and skipped.
/// </summary>
public static class SchoolCalendarImport
{
    /// <summary>Largest accepted file.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// The holidays of the file, in date order, keeping those whose summary, description or
    /// location holds <paramref name="filter"/> when it is given; null when the text is not a
    /// readable calendar.
    /// </summary>
    public static IReadOnlyList<ImportedHoliday>? Read(string text, string? filter)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
#pragma warning disable CA1031 // Any parsing failure of an uploaded file is the same answer: unreadable.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        if (calendar is null)
        {
            return null;
        }

        var holidays = new List<ImportedHoliday>();
        foreach (var e in calendar.Events)
        {
            // The ministry's file also marks the first day of school ("Rentrée scolaire des
            // élèves"): a school day, not a holiday.
            if (e.DtStart is null || !Matches(e, filter) || e.Summary?.TrimStart().StartsWith("Rentrée", StringComparison.OrdinalIgnoreCase) == true)
            {
                continue;
            }

            var start = e.DtStart.Date;
            // DTEND is exclusive at midnight (a date, or 00:00); an end later in the day keeps its day.
            var end = e.DtEnd is not { } dtEnd ? start
                : (dtEnd.HasTime && dtEnd.Time != TimeOnly.MinValue) || dtEnd.Date == DateOnly.MinValue ? dtEnd.Date
                : dtEnd.Date.AddDays(-1);
            if (end < start)
            {
                end = start;
            }

            var label = Text.CleanInput(e.Summary, multiline: false) is { } summary && !string.IsNullOrWhiteSpace(summary) ? summary.Trim() : "Vacances scolaires";
            holidays.Add(new ImportedHoliday(label.Length > 100 ? Text.CleanInput(label[..100], multiline: false)! : label, start, end));
        }

        return [.. holidays.OrderBy(h => h.Start)];
    }

    private static bool Matches(CalendarEvent e, string? filter) =>
        string.IsNullOrWhiteSpace(filter)
        || new[] { e.Summary, e.Description, e.Location }.Any(t => t?.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase) == true);
}
