using System.Globalization;

namespace PortailFamille.Domain.Common;

/// <summary>
/// The French names of days and months, as the whole portal writes them, all taken from the
/// fr-FR culture: "lundi", "Lundi", "lun.", "L", "décembre 2026".
/// </summary>
public static class FrenchDates
{
    /// <summary>The fr-FR culture, the one every French date of the portal is written in.</summary>
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"lundi", "mercredi"…, in the middle of a sentence.</summary>
    public static string Day(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(Check(day));

    /// <summary>"Lundi", "Mercredi"…, at the start of a line or a cell.</summary>
    public static string CapitalizedDay(DayOfWeek day) => Capitalize(Day(day));

    /// <summary>"lun.", "mer."…</summary>
    public static string ShortDay(DayOfWeek day) => Culture.DateTimeFormat.GetAbbreviatedDayName(Check(day));

    /// <summary>"L", "M", "M", "J", "V", "S", "D": the letter over a calendar's column.</summary>
    public static string DayLetter(DayOfWeek day) => Day(day)[..1].ToUpper(Culture);

    /// <summary>"janvier" to "décembre".</summary>
    public static string Month(int month) =>
        month is >= 1 and <= 12 ? Culture.DateTimeFormat.GetMonthName(month) : throw new ArgumentOutOfRangeException(nameof(month), month, null);

    /// <summary>"décembre 2026": the month of <paramref name="day"/> and its year.</summary>
    public static string MonthAndYear(DateOnly day) => $"{Month(day.Month)} {day.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The first letter in capitals: "Décembre 2026".</summary>
    public static string Capitalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? text : char.ToUpper(text[0], Culture) + text[1..];
    }

    private static DayOfWeek Check(DayOfWeek day) =>
        day is >= DayOfWeek.Sunday and <= DayOfWeek.Saturday ? day : throw new ArgumentOutOfRangeException(nameof(day), day, null);
}
