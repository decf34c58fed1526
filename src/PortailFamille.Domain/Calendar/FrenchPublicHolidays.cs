namespace PortailFamille.Domain.Calendar;

/// <summary>
/// The French public holidays (jours fériés) of the Code du travail, article L3133-1, and the
/// two extra days of Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle; article L3134-13).
/// </summary>
/// <remarks>
/// The current list is applied to every year: the portal deals with the current and coming
/// school years, so the history of the list (8 May was not a holiday from 1959 to 1981) is
/// not modelled. The Lundi de Pentecôte stays a public holiday even where employers make it
/// the journée de solidarité: schools and childhood services are closed on it.
/// </remarks>
public static class FrenchPublicHolidays
{
    /// <summary>
    /// Easter Sunday of the Gregorian calendar, computed with the anonymous Gregorian algorithm
    /// (Meeus/Jones/Butcher), valid for every year of <see cref="DateOnly"/>. Computed rather
    /// than listed so that no year ever runs out of holidays.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var a = year % 19;                       // position in the 19-year Metonic cycle
        var b = year / 100;                      // century
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;                 // lunar correction
        var h = ((19 * a) + b - d - g + 15) % 30; // epact: days from 21 March to the paschal full moon
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7; // days from the full moon to the next Sunday
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// The public holidays of <paramref name="year"/> in date order, with their French names;
    /// with <paramref name="alsaceMoselle"/> also the Vendredi saint and the Saint-Étienne.
    /// When two holidays fall on the same day both are listed, so the list may hold fewer
    /// distinct dates than names.
    /// </summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> For(int year, bool alsaceMoselle)
    {
        var easter = EasterSunday(year);
        var holidays = new List<(DateOnly Date, string Name)>(13)
        {
            (new DateOnly(year, 1, 1), "Jour de l'an"),
            (easter.AddDays(1), "Lundi de Pâques"),
            (new DateOnly(year, 5, 1), "Fête du Travail"),
            (new DateOnly(year, 5, 8), "Victoire 1945"),
            (easter.AddDays(39), "Ascension"),
            (easter.AddDays(50), "Lundi de Pentecôte"),
            (new DateOnly(year, 7, 14), "Fête nationale"),
            (new DateOnly(year, 8, 15), "Assomption"),
            (new DateOnly(year, 11, 1), "Toussaint"),
            (new DateOnly(year, 11, 11), "Armistice 1918"),
            (new DateOnly(year, 12, 25), "Noël"),
        };
        if (alsaceMoselle)
        {
            holidays.Add((easter.AddDays(-2), "Vendredi saint"));
            holidays.Add((new DateOnly(year, 12, 26), "Saint-Étienne"));
        }

        // Ascension can fall on 1 May (2008) or 8 May (1997, 2059): both holidays stay in the
        // list, on the same date, and a stable sort keeps the fixed one first, as NameOf names it.
        return [.. holidays.OrderBy(holiday => holiday.Date)];
    }

    /// <summary>True when <paramref name="day"/> is a public holiday.</summary>
    public static bool IsPublicHoliday(DateOnly day, bool alsaceMoselle) => NameOf(day, alsaceMoselle) is not null;

    /// <summary>
    /// The French name of the public holiday on <paramref name="day"/>, or null on any other
    /// day. When two holidays meet (Ascension on 1 May in 2008, on 8 May in 2059), the fixed
    /// one is named.
    /// </summary>
    public static string? NameOf(DateOnly day, bool alsaceMoselle)
    {
        // Fixed dates first, then Easter offsets: no list is built, because the working-day
        // calendar asks this for every day it walks through.
        var fixedName = (day.Month, day.Day) switch
        {
            (1, 1) => "Jour de l'an",
            (5, 1) => "Fête du Travail",
            (5, 8) => "Victoire 1945",
            (7, 14) => "Fête nationale",
            (8, 15) => "Assomption",
            (11, 1) => "Toussaint",
            (11, 11) => "Armistice 1918",
            (12, 25) => "Noël",
            (12, 26) when alsaceMoselle => "Saint-Étienne",
            _ => null,
        };
        if (fixedName is not null)
        {
            return fixedName;
        }

        // Every movable holiday is between March and June.
        if (day.Month is < 3 or > 6)
        {
            return null;
        }

        return (day.DayNumber - EasterSunday(day.Year).DayNumber) switch
        {
            -2 when alsaceMoselle => "Vendredi saint",
            1 => "Lundi de Pâques",
            39 => "Ascension",
            50 => "Lundi de Pentecôte",
            _ => null,
        };
    }
}
