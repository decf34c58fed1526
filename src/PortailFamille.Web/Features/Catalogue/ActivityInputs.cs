using Microsoft.AspNetCore.Mvc.ModelBinding;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;

namespace PortailFamille.Web.Features.Catalogue;

/// <summary>A unit as typed: hours "HH:mm" and places as text, read by <see cref="TryRead"/>.</summary>
public sealed class UnitInput
{
    public Guid? Id { get; set; }

    public string? Name { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public bool IsMeal { get; set; }

    public string? Capacity { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End) && string.IsNullOrWhiteSpace(Capacity);

    public static UnitInput From(ActivityUnit unit) => new()
    {
        Id = unit.Id,
        Name = unit.Name,
        Start = CatalogueText.Time(unit.Start),
        End = CatalogueText.Time(unit.End),
        IsMeal = unit.IsMeal,
        Capacity = unit.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The hours and places, or errors on this unit's fields under <paramref name="prefix"/>.</summary>
    public (TimeOnly Start, TimeOnly End, int Capacity)? TryRead(ModelStateDictionary modelState, string prefix)
    {
        var start = CatalogueText.ParseTime(Start);
        var end = CatalogueText.ParseTime(End);
        var capacity = CatalogueText.ParseInt(Capacity, out _);
        if (start is null)
        {
            modelState.AddModelError(prefix + nameof(Start), "Saisissez l'heure de début au format HH:mm, par exemple 07:30.");
        }

        if (end is null)
        {
            modelState.AddModelError(prefix + nameof(End), "Saisissez l'heure de fin au format HH:mm, par exemple 18:30.");
        }

        if (capacity is null)
        {
            modelState.AddModelError(prefix + nameof(Capacity), "Saisissez le nombre de places, un nombre entier.");
        }

        return start is null || end is null || capacity is null ? null : (start.Value, end.Value, capacity.Value);
    }
}

/// <summary>The days and school rule of an activity, shared by its creation and edit forms.</summary>
public static class ActivityChoices
{
    public static IReadOnlyList<DayOfWeek> Days => WeekdayMask.MondayFirst;

    public static IReadOnlyList<SchoolTimeRule> SchoolRules { get; } = [SchoolTimeRule.SchoolDaysOnly, SchoolTimeRule.HolidaysOnly, SchoolTimeRule.Always];
}
