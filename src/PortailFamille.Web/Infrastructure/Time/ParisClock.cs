using System.Globalization;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Web.Infrastructure.Time;

/// <summary>
/// The commune's clock. Instants are stored in UTC; every date and deadline that people see
/// or that a rule uses is taken in Europe/Paris, whatever the server's own time zone.
/// </summary>
public sealed class ParisClock(TimeProvider time)
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static readonly CultureInfo French = FrenchDates.Culture;

    /// <summary>Now, in UTC: what is stored.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Now, in Paris: what is shown and what rules use.</summary>
    public DateTimeOffset Now => ToParis(time.GetUtcNow());

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>"28/11/2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a date typed the French way, jj/mm/aaaa (leading zeros optional), within the dates
    /// the portal accepts (<see cref="DateBounds"/>); null otherwise.
    /// </summary>
    public static DateOnly? ParseDate(string? text) =>
        ReadDate(text) is { } date && DateBounds.Contains(date) ? date : null;

    /// <summary>
    /// Why <paramref name="text"/> is not a date <see cref="ParseDate"/> takes: the bounds'
    /// message for a well-written date outside them, <paramref name="unreadable"/> otherwise.
    /// </summary>
    public static string DateMessage(string? text, string unreadable) =>
        ReadDate(text) is { } date && !DateBounds.Contains(date) ? DateBounds.Message : unreadable;

    private static DateOnly? ReadDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>"28/11/2026 à 14:05", in Paris time.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        ToParis(instant).ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture);
}
