using System.Globalization;

namespace PortailFamille.Domain.Calendar;

/// <summary>
/// The dates the portal accepts, whatever the form: a birth date, a period, a closure, a day of
/// the calendar, an imported school holiday. Every date typed or read outside them is refused
/// with <see cref="Message"/>, so that no computation on dates (the first Monday of a month's
/// grid, the day before a holiday's end, a deadline counted in working days) can run past the
/// first or the last day a <see cref="DateOnly"/> holds.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>"Saisissez une date comprise entre le 01/01/1900 et le 31/12/2099."</summary>
    public static readonly string Message = string.Create(
        CultureInfo.InvariantCulture,
        $"Saisissez une date comprise entre le {Earliest:dd/MM/yyyy} et le {Latest:dd/MM/yyyy}.");

    public static bool Contains(DateOnly date) => Earliest <= date && date <= Latest;
}
