using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Calendar;

/// <summary>A local closure day decided by the commune ("Pont de l'Ascension"): no activity runs.</summary>
/// <param name="Date">The day closed.</param>
/// <param name="Label">Why, as shown to the administrator.</param>
public sealed record Closure(DateOnly Date, string Label);

/// <summary>What importing the ministry's school calendar does to the commune's holidays.</summary>
/// <typeparam name="TKey">How the caller identifies the holidays it already has.</typeparam>
/// <param name="Added">The holidays of the file, in date order, each once.</param>
/// <param name="Replaced">The holidays already kept that the file's overlap: they go.</param>
public sealed record HolidayImport<TKey>(IReadOnlyList<SchoolHoliday> Added, IReadOnlyList<TKey> Replaced);

/// <summary>
/// The rules of the commune's calendar as the administrator keeps it: school holidays typed by
/// hand or imported from the ministry's file, and closure days. Public holidays are computed
/// (<see cref="FrenchPublicHolidays"/>), never kept.
/// </summary>
public static class CommuneCalendarRules
{
    /// <summary>Longest name of a holiday or reason of a closure.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>
    /// Longest school holiday, in days: the summer holidays last about two months. A longer
    /// range is a typing mistake (2062 for 2026) that would close every school-time activity.
    /// </summary>
    public const int MaxHolidayDays = 100;

    /// <summary>
    /// A school holiday typed by the administrator: a name, a first and a last day without
    /// school, in order, at most <see cref="MaxHolidayDays"/> days, overlapping none of the
    /// holidays already kept (delete or correct that one first).
    /// </summary>
    public static Outcome<SchoolHoliday> NewHoliday(string? label, DateOnly start, DateOnly end, IEnumerable<SchoolHoliday> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var refusals = new List<Refusal>();
        var name = Labels.Normalize(label, MaxLabelLength);
        if (name is null)
        {
            refusals.Add(new(nameof(SchoolHoliday.Label), $"Saisissez le nom des vacances, par exemple Vacances de la Toussaint ({MaxLabelLength} caractères au plus)."));
        }

        var dates = new DateRange(start, end);
        if (end < start)
        {
            refusals.Add(new(nameof(DateRange.End), "Le dernier jour des vacances ne peut pas précéder le premier."));
        }
        else if (dates.Length > MaxHolidayDays)
        {
            refusals.Add(new(nameof(DateRange.End), $"Des vacances scolaires durent au plus {MaxHolidayDays} jours : vérifiez le premier et le dernier jour."));
        }
        else if (existing.OrderBy(h => h.Dates.Start).FirstOrDefault(h => Overlap(h.Dates, dates)) is { } overlapped)
        {
            refusals.Add(new(nameof(DateRange.Start), $"Ces dates chevauchent {overlapped.Label} (du {Labels.Day(overlapped.Dates.Start)} au {Labels.Day(overlapped.Dates.End)}) : supprimez ces vacances d'abord, ou corrigez les dates."));
        }

        return refusals.Count > 0 ? Outcome<SchoolHoliday>.Refused(refusals) : Outcome<SchoolHoliday>.Success(new SchoolHoliday(name!, dates));
    }

    /// <summary>A closure day: a reason, and a day not closed already.</summary>
    public static Outcome<Closure> NewClosure(DateOnly date, string? label, IEnumerable<DateOnly> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var refusals = new List<Refusal>();
        if (closed.Contains(date))
        {
            refusals.Add(new(nameof(Closure.Date), $"Le {Labels.Day(date)} est déjà un jour de fermeture."));
        }

        var reason = Labels.Normalize(label, MaxLabelLength);
        if (reason is null)
        {
            refusals.Add(new(nameof(Closure.Label), $"Saisissez le motif de la fermeture, par exemple Pont de l'Ascension ({MaxLabelLength} caractères au plus)."));
        }

        return refusals.Count > 0 ? Outcome<Closure>.Refused(refusals) : Outcome<Closure>.Success(new Closure(date, reason!));
    }

    /// <summary>
    /// The school calendar imported from the ministry's file: its holidays are kept, each once
    /// (the same name and dates listed twice count once), and replace every holiday already
    /// kept that they overlap (last year's import, one typed by hand); the others stay. Refused
    /// when the file has no holiday, when two of its holidays overlap (the file of several
    /// zones: the administrator names the commune's zone), or when one lasts more than
    /// <see cref="MaxHolidayDays"/> days.
    /// </summary>
    public static Outcome<HolidayImport<TKey>> Import<TKey>(IEnumerable<SchoolHoliday> imported, IEnumerable<(TKey Key, SchoolHoliday Holiday)> existing)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(existing);
        var added = imported
            .Select(h => h with { Label = Labels.Normalize(h.Label, MaxLabelLength) ?? "Vacances scolaires" })
            .Distinct()
            .OrderBy(h => h.Dates.Start)
            .ThenBy(h => h.Dates.End)
            .ToList();
        if (added.Count == 0)
        {
            return Refused<TKey>("Le fichier ne contient aucune période de vacances.");
        }

        if (added.FirstOrDefault(h => h.Dates.Length is 0 or > MaxHolidayDays) is { } tooLong)
        {
            return Refused<TKey>($"{tooLong.Label} du fichier dure plus de {MaxHolidayDays} jours (du {Labels.Day(tooLong.Dates.Start)} au {Labels.Day(tooLong.Dates.End)}) : ce n'est pas un calendrier scolaire.");
        }

        for (var i = 1; i < added.Count; i++)
        {
            // In date order, a holiday overlapping another one overlaps its predecessor's range
            // or an earlier one still running: comparing with every earlier one is cheap enough
            // for the dozen holidays of a year.
            if (added.Take(i).FirstOrDefault(h => Overlap(h.Dates, added[i].Dates)) is { } earlier)
            {
                return Refused<TKey>(
                    $"Le fichier contient des vacances qui se chevauchent ({earlier.Label} du {Labels.Day(earlier.Dates.Start)} au {Labels.Day(earlier.Dates.End)}, {added[i].Label} du {Labels.Day(added[i].Dates.Start)} au {Labels.Day(added[i].Dates.End)}) : sans doute celles de plusieurs zones. Indiquez votre zone, par exemple Zone A, pour ne garder que les siennes.");
            }
        }

        var replaced = existing.Where(e => added.Any(h => Overlap(h.Dates, e.Holiday.Dates))).Select(e => e.Key).ToList();
        return Outcome<HolidayImport<TKey>>.Success(new HolidayImport<TKey>(added, replaced));
    }

    /// <summary>True when the two ranges share at least one day.</summary>
    public static bool Overlap(DateRange a, DateRange b) =>
        a.Length > 0 && b.Length > 0 && a.Start <= b.End && b.Start <= a.End;

    private static Outcome<HolidayImport<TKey>> Refused<TKey>(string message) =>
        Outcome<HolidayImport<TKey>>.Refused([new Refusal(string.Empty, message)]);
}
