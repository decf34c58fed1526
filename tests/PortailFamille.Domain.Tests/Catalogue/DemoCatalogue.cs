using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Catalogue;

/// <summary>
/// The four demo activities of the commune and its calendar for the autumn of 2026: Toussaint
/// from Saturday 17/10 to Sunday 01/11 (school again on Monday 02/11), Christmas from
/// Saturday 19/12/2026 to Sunday 03/01/2027, Armistice on Wednesday 11/11/2026.
/// </summary>
internal static class DemoCatalogue
{
    public static readonly Guid TypeId = Guid.NewGuid();

    public static readonly DayOfWeek[] CanteenDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static SchoolHolidays Holidays { get; } = new(
    [
        new SchoolHoliday("Vacances de la Toussaint", new DateRange(new DateOnly(2026, 10, 17), new DateOnly(2026, 11, 1))),
        new SchoolHoliday("Vacances de Noël", new DateRange(new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3))),
    ]);

    public static WorkingDayCalendar Communal { get; } = new(alsaceMoselle: false, closures: []);

    public static UnitDefinition Matin => new("Matin", new TimeOnly(8, 30), new TimeOnly(12, 0), false, 40);

    public static UnitDefinition Repas => new("Repas", new TimeOnly(12, 0), new TimeOnly(13, 30), true, 40);

    public static UnitDefinition ApresMidi => new("Après-midi", new TimeOnly(13, 30), new TimeOnly(17, 30), false, 40);

    public static Activity Canteen() =>
        Create("Restaurant scolaire", CanteenDays, SchoolTimeRule.SchoolDaysOnly, new UnitDefinition("Repas", new TimeOnly(11, 45), new TimeOnly(13, 30), true, 120));

    public static Activity AfterSchool() =>
        Create(
            "Périscolaire",
            MondayToFriday,
            SchoolTimeRule.SchoolDaysOnly,
            new UnitDefinition("Matin", new TimeOnly(7, 30), new TimeOnly(8, 30), false, 30),
            new UnitDefinition("Soir", new TimeOnly(16, 30), new TimeOnly(18, 30), false, 30));

    public static Activity WednesdayCentre() =>
        Create("CLSH MERCREDI", [DayOfWeek.Wednesday], SchoolTimeRule.SchoolDaysOnly, Matin, Repas, ApresMidi);

    public static Activity HolidayCentre() =>
        Create("ALSH vacances", MondayToFriday, SchoolTimeRule.HolidaysOnly, Matin, Repas, ApresMidi);

    public static Activity Create(string name, IEnumerable<DayOfWeek> days, SchoolTimeRule rule, params UnitDefinition[] units)
    {
        var outcome = Activity.Create(TypeId, name, days, rule, units);
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Refusals));
        return outcome.Value;
    }

    public static Period NewPeriod(Activity activity, string label, DateOnly start, DateOnly end, DateOnly? opens = null, DateOnly? closes = null)
    {
        var outcome = Period.Create(activity.Id, label, start, end, opens, closes);
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Refusals));
        return outcome.Value;
    }

    public static Guid UnitId(this Activity activity, string name) => activity.Units.Single(u => u.Name == name).Id;

    public static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
