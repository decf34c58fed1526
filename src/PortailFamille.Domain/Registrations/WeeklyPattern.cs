using System.Globalization;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Registrations;

/// <summary>
/// A semaine type: the units a family usually wants on each weekday of an activity, such as
/// Mercredi × (Matin, Repas). It may be empty, since it is optional (docs/product.md 3.5): days are then
/// booked one by one from "Mes réservations".
/// </summary>
/// <remarks>
/// Immutable, compared by value. It is stored as one text column in its canonical form
/// (<see cref="ToStorage"/>, read back by <see cref="FromStorage"/>):
/// <c>Wednesday:&lt;unit id&gt;;Wednesday:&lt;unit id&gt;</c>, days Monday first, then unit
/// ids. One column keeps a registration one row, and the pattern is only ever read and
/// replaced whole, never queried slot by slot.
/// </remarks>
public sealed class WeeklyPattern : IEquatable<WeeklyPattern>
{
    private const char SlotSeparator = ';';
    private const char PartSeparator = ':';

    private WeeklyPattern(IEnumerable<WeeklySlot> slots)
    {
        Slots = [.. slots.Distinct()
            .OrderBy(s => DayRank(s.Day))
            .ThenBy(s => s.UnitId)];
    }

    /// <summary>The pattern without any ticked box.</summary>
    public static WeeklyPattern Empty { get; } = new([]);

    /// <summary>The ticked boxes, each once, Monday first.</summary>
    public IReadOnlyList<WeeklySlot> Slots { get; }

    /// <summary>Whether no box is ticked.</summary>
    public bool IsEmpty => Slots.Count == 0;

    /// <summary>
    /// Checks the boxes a family ticked against the activity's table of days × units: a day
    /// the activity does not run, or a unit that is not the activity's, is refused. A box
    /// ticked twice counts once.
    /// </summary>
    public static Outcome<WeeklyPattern> Create(IEnumerable<(DayOfWeek Day, Guid UnitId)> slots, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(activity);
        var list = slots.Select(s => new WeeklySlot(s.Day, s.UnitId)).ToList();
        var refusals = Check(list, activity);
        return refusals.Count > 0
            ? Outcome<WeeklyPattern>.Refused(refusals)
            : Outcome<WeeklyPattern>.Success(new WeeklyPattern(list));
    }

    /// <summary>Whether the box of a unit on a weekday is ticked.</summary>
    public bool Contains(DayOfWeek day, Guid unitId) => Slots.Contains(new WeeklySlot(day, unitId));

    /// <summary>The units ticked on a weekday.</summary>
    public IEnumerable<Guid> UnitsOn(DayOfWeek day) => Slots.Where(s => s.Day == day).Select(s => s.UnitId);

    /// <summary>
    /// The days × units the semaine type asks for among <paramref name="openDays"/> (the days
    /// the activity runs), in date order then in the pattern's unit order.
    /// </summary>
    public IEnumerable<(DateOnly Date, Guid UnitId)> On(IEnumerable<DateOnly> openDays)
    {
        ArgumentNullException.ThrowIfNull(openDays);
        return openDays.SelectMany(day => UnitsOn(day.DayOfWeek).Select(unit => (day, unit)));
    }

    /// <summary>The canonical text stored in the database; empty for an empty pattern.</summary>
    public string ToStorage() => string.Join(
        SlotSeparator,
        Slots.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Day}{PartSeparator}{s.UnitId:D}")));

    /// <summary>Reads back a pattern written by <see cref="ToStorage"/>.</summary>
    /// <exception cref="FormatException">The text is not a stored pattern.</exception>
    public static WeeklyPattern FromStorage(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return Empty;
        }

        var slots = new List<WeeklySlot>();
        foreach (var part in stored.Split(SlotSeparator))
        {
            var pieces = part.Split(PartSeparator);
            // Only the exact names written by ToStorage: Enum.TryParse would also take "3" or "Monday, Tuesday".
            if (pieces.Length != 2
                || !Enum.GetNames<DayOfWeek>().Contains(pieces[0], StringComparer.Ordinal)
                || !Guid.TryParseExact(pieces[1], "D", out var unitId))
            {
                throw new FormatException($"« {part} » is not a slot of a stored weekly pattern.");
            }

            slots.Add(new WeeklySlot(Enum.Parse<DayOfWeek>(pieces[0]), unitId));
        }

        return new WeeklyPattern(slots);
    }

    /// <summary>The refusals of slots that do not fit the activity; empty when they all fit.</summary>
    internal static List<Refusal> Check(IReadOnlyCollection<WeeklySlot> slots, Activity activity)
    {
        var refusals = new List<Refusal>();
        if (slots.Any(s => !Enum.IsDefined(s.Day)))
        {
            refusals.Add(new(nameof(Registration.Pattern), "Choisissez les jours de la semaine type dans la liste du lundi au dimanche."));
            return refusals;
        }

        foreach (var day in slots.Select(s => s.Day).Distinct().Where(d => !activity.RunsOn(d)).OrderBy(DayRank))
        {
            refusals.Add(new(nameof(Registration.Pattern), $"{activity.Name} n'a pas lieu le {FrenchDates.Day(day)} : décochez ce jour dans la semaine type."));
        }

        if (slots.Any(s => !activity.HasUnit(s.UnitId)))
        {
            refusals.Add(new(nameof(Registration.Pattern), $"Une unité cochée dans la semaine type n'appartient pas à l'activité {activity.Name}."));
        }

        return refusals;
    }

    private static int DayRank(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    /// <inheritdoc/>
    public bool Equals(WeeklyPattern? other) => other is not null && Slots.SequenceEqual(other.Slots);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WeeklyPattern);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var slot in Slots)
        {
            hash.Add(slot);
        }

        return hash.ToHashCode();
    }

    /// <summary>The canonical text, as stored.</summary>
    public override string ToString() => ToStorage();
}
