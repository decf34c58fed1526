using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

public class ActivityTests
{
    private const string NameMessage = "Saisissez le nom de l'activité (100 caractères au plus).";
    private const string NoWeekdayMessage = "Cochez au moins un jour de la semaine où l'activité a lieu.";
    private const string UnitNameMessage = "Saisissez le nom de l'unité (50 caractères au plus).";
    private const string HoursMessage = "L'heure de fin de l'unité doit être après son heure de début.";
    private const string CapacityMessage = "Le nombre de places doit être compris entre 0 et 10 000.";
    private const string UnknownUnitMessage = "Cette unité n'appartient pas à l'activité CLSH MERCREDI.";

    [Fact]
    public void Create_GivesTheActivityItsDaysAndUnits_InOrder_WithTheDefaults()
    {
        var outcome = Activity.Create(TypeId, "  CLSH   MERCREDI ", [DayOfWeek.Wednesday], SchoolTimeRule.SchoolDaysOnly, [Matin, Repas, ApresMidi]);

        Assert.True(outcome.Succeeded);
        var activity = outcome.Value;
        Assert.NotEqual(Guid.Empty, activity.Id);
        Assert.Equal(TypeId, activity.ActivityTypeId);
        Assert.Equal("CLSH MERCREDI", activity.Name);
        Assert.Equal(8, activity.DaysOfWeekMask);
        Assert.Equal([DayOfWeek.Wednesday], activity.Weekdays);
        Assert.Equal(SchoolTimeRule.SchoolDaysOnly, activity.SchoolTimeRule);
        Assert.Equal(BookingDeadline.Default, activity.Deadline);
        Assert.Equal(3, activity.DeadlineWorkingDays);
        Assert.Equal(new TimeOnly(23, 59), activity.DeadlineCutOff);
        Assert.Equal(ValidationMode.Manual, activity.ValidationMode);
        Assert.Null(activity.MinAge);
        Assert.Null(activity.MaxAge);
        Assert.Empty(activity.Tariffs);
        Assert.Empty(activity.CapacityOverrides);
        Assert.Equal(["Matin", "Repas", "Après-midi"], activity.Units.Select(u => u.Name));
        Assert.Equal([1, 2, 3], activity.Units.Select(u => u.DisplayOrder));
        Assert.All(activity.Units, u => Assert.Equal(activity.Id, u.ActivityId));
        Assert.Equal(3, activity.Units.Select(u => u.Id).Distinct().Count());
        var repas = activity.Units[1];
        Assert.True(repas.IsMeal);
        Assert.Equal(new TimeOnly(12, 0), repas.Start);
        Assert.Equal(new TimeOnly(13, 30), repas.End);
        Assert.Equal(40, repas.Capacity);
    }

    [Fact]
    public void Create_WithNothingRight_GivesEveryRefusal()
    {
        var outcome = Activity.Create(Guid.Empty, " ", [], (SchoolTimeRule)9, []);

        Assert.Equal(
            [
                new("ActivityTypeId", "Choisissez le type d'activité."),
                new("Name", NameMessage),
                new("Weekdays", NoWeekdayMessage),
                new("SchoolTimeRule", "Choisissez quand l'activité a lieu : les jours d'école, pendant les vacances scolaires ou toujours."),
                new("Units", "Ajoutez au moins une unité (par exemple Matin, Repas, Après-midi)."),
            ],
            outcome.Refusals);
    }

    [Fact]
    public void Create_WithANameOf101Characters_IsRefused()
    {
        AssertSingleRefusal(
            Activity.Create(TypeId, new string('A', 101), [DayOfWeek.Wednesday], SchoolTimeRule.Always, [Matin]).Refusals,
            "Name",
            NameMessage);
    }

    [Fact]
    public void Create_WithAValueThatIsNoDay_IsRefused()
    {
        AssertSingleRefusal(
            Activity.Create(TypeId, "CLSH MERCREDI", [DayOfWeek.Wednesday, (DayOfWeek)8], SchoolTimeRule.Always, [Matin]).Refusals,
            "Weekdays",
            "Choisissez les jours dans la liste du lundi au dimanche.");
    }

    [Fact]
    public void Create_NamesTheFieldsOfAWrongUnitByItsPosition()
    {
        var outcome = Activity.Create(
            TypeId,
            "CLSH MERCREDI",
            [DayOfWeek.Wednesday],
            SchoolTimeRule.Always,
            [Matin, new UnitDefinition("", new TimeOnly(14, 0), new TimeOnly(14, 0), false, -1)]);

        Assert.Equal(
            [new("Units[1].Name", UnitNameMessage), new("Units[1].End", HoursMessage), new("Units[1].Capacity", CapacityMessage)],
            outcome.Refusals);
    }

    [Fact]
    public void Create_WithTwoUnitsOfTheSameName_WhateverTheCase_IsRefused()
    {
        var outcome = Activity.Create(TypeId, "CLSH MERCREDI", [DayOfWeek.Wednesday], SchoolTimeRule.Always, [ApresMidi, ApresMidi with { Name = "APRÈS-MIDI" }]);

        AssertSingleRefusal(outcome.Refusals, "Units[1].Name", "L'activité a déjà une unité « APRÈS-MIDI » : donnez un autre nom.");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    [InlineData(-1, false)]
    public void Create_AcceptsFrom0To10000Places(int capacity, bool accepted)
    {
        var outcome = Activity.Create(TypeId, "CLSH MERCREDI", [DayOfWeek.Wednesday], SchoolTimeRule.Always, [Matin with { Capacity = capacity }]);

        Assert.Equal(accepted, outcome.Succeeded);
    }

    [Fact]
    public void Create_AUnitEndingBeforeItStarts_IsRefused()
    {
        var outcome = Activity.Create(TypeId, "CLSH MERCREDI", [DayOfWeek.Wednesday], SchoolTimeRule.Always, [Matin with { Start = new TimeOnly(12, 0), End = new TimeOnly(8, 0) }]);

        AssertSingleRefusal(outcome.Refusals, "Units[0].End", HoursMessage);
    }

    [Fact]
    public void Rename_ChangesTheName_OrRefusesAndKeepsIt()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.Rename("CLSH du mercredi").Succeeded);
        AssertSingleRefusal(activity.Rename(null).Refusals, "Name", NameMessage);

        Assert.Equal("CLSH du mercredi", activity.Name);
    }

    [Fact]
    public void SetWeekdays_ReplacesTheDays()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.SetWeekdays([DayOfWeek.Saturday, DayOfWeek.Wednesday]).Succeeded);

        Assert.Equal(new HashSet<DayOfWeek> { DayOfWeek.Wednesday, DayOfWeek.Saturday }, activity.Weekdays);
        Assert.True(activity.RunsOn(DayOfWeek.Saturday));
        Assert.False(activity.RunsOn(DayOfWeek.Monday));
    }

    [Fact]
    public void SetWeekdays_WithNoDay_IsRefused_AndKeepsTheDays()
    {
        var activity = WednesdayCentre();

        AssertSingleRefusal(activity.SetWeekdays([]).Refusals, "Weekdays", NoWeekdayMessage);

        Assert.Equal([DayOfWeek.Wednesday], activity.Weekdays);
    }

    [Fact]
    public void SetSchoolTimeRule_ChangesTheRule_OrRefusesAnUnknownOne()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.SetSchoolTimeRule(SchoolTimeRule.Always).Succeeded);
        AssertSingleRefusal(
            activity.SetSchoolTimeRule((SchoolTimeRule)3).Refusals,
            "SchoolTimeRule",
            "Choisissez quand l'activité a lieu : les jours d'école, pendant les vacances scolaires ou toujours.");

        Assert.Equal(SchoolTimeRule.Always, activity.SchoolTimeRule);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(3, null)]
    [InlineData(null, 11)]
    [InlineData(3, 11)]
    [InlineData(6, 6)]
    [InlineData(0, 17)]
    public void SetAgeLimits_AcceptsLimitsFrom0To17_MinNotAboveMax(int? minAge, int? maxAge)
    {
        var activity = WednesdayCentre();

        Assert.True(activity.SetAgeLimits(minAge, maxAge).Succeeded);

        Assert.Equal(minAge, activity.MinAge);
        Assert.Equal(maxAge, activity.MaxAge);
    }

    [Theory]
    [InlineData(-1, null, "MinAge", "L'âge minimum doit être compris entre 0 et 17 ans.")]
    [InlineData(18, null, "MinAge", "L'âge minimum doit être compris entre 0 et 17 ans.")]
    [InlineData(null, -1, "MaxAge", "L'âge maximum doit être compris entre 0 et 17 ans.")]
    [InlineData(3, 18, "MaxAge", "L'âge maximum doit être compris entre 0 et 17 ans.")]
    [InlineData(12, 11, "MaxAge", "L'âge maximum ne peut pas être inférieur à l'âge minimum.")]
    public void SetAgeLimits_OutOfRange_IsRefused_AndKeepsTheLimits(int? minAge, int? maxAge, string field, string message)
    {
        var activity = WednesdayCentre();
        activity.SetAgeLimits(3, 11);

        AssertSingleRefusal(activity.SetAgeLimits(minAge, maxAge).Refusals, field, message);

        Assert.Equal(3, activity.MinAge);
        Assert.Equal(11, activity.MaxAge);
    }

    [Fact]
    public void SetAgeLimits_BothOutOfRange_GivesBothRefusals()
    {
        Assert.Equal(["MinAge", "MaxAge"], WednesdayCentre().SetAgeLimits(20, -2).Refusals.Select(r => r.Field));
    }

    [Fact]
    public void SetDeadline_StoresTheWorkingDaysAndCutOff()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.SetDeadline(5, new TimeOnly(12, 0)).Succeeded);

        Assert.Equal(new BookingDeadline(5, new TimeOnly(12, 0)), activity.Deadline);
        Assert.Equal(5, activity.DeadlineWorkingDays);
        Assert.Equal(new TimeOnly(12, 0), activity.DeadlineCutOff);
    }

    [Fact]
    public void SetDeadline_RefusedByTheCalendar_NamesTheActivitysFields_AndKeepsTheDeadline()
    {
        var activity = WednesdayCentre();

        var outcome = activity.SetDeadline(0, new TimeOnly(23, 59, 30));

        Assert.Equal(
            [
                new("DeadlineWorkingDays", "Le délai doit être compris entre 1 et 30 jours ouvrés."),
                new("DeadlineCutOff", "L'heure limite s'indique en heures et minutes, par exemple 23:59."),
            ],
            outcome.Refusals);
        Assert.Equal(BookingDeadline.Default, activity.Deadline);
    }

    [Fact]
    public void SetValidationMode_ChangesTheMode_OrRefusesAnUnknownOne()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.SetValidationMode(ValidationMode.Automatic).Succeeded);
        AssertSingleRefusal(activity.SetValidationMode((ValidationMode)2).Refusals, "ValidationMode", "Choisissez le mode de validation : automatique ou manuel.");

        Assert.Equal(ValidationMode.Automatic, activity.ValidationMode);
    }

    [Fact]
    public void AddUnit_PutsTheUnitLast()
    {
        var activity = WednesdayCentre();

        var outcome = activity.AddUnit(new UnitDefinition(" Accueil  du soir ", new TimeOnly(17, 30), new TimeOnly(18, 30), false, 20));

        Assert.True(outcome.Succeeded);
        Assert.Equal("Accueil du soir", outcome.Value.Name);
        Assert.Equal(4, outcome.Value.DisplayOrder);
        Assert.Equal(activity.Id, outcome.Value.ActivityId);
        Assert.Same(outcome.Value, activity.Units[^1]);
    }

    [Fact]
    public void AddUnit_WithANameAlreadyUsed_IsRefused()
    {
        var activity = WednesdayCentre();

        var outcome = activity.AddUnit(Repas with { Name = "repas" });

        AssertSingleRefusal(outcome.Refusals, "Name", "L'activité a déjà une unité « repas » : donnez un autre nom.");
        Assert.Equal(3, activity.Units.Count);
    }

    [Fact]
    public void AddUnit_WithWrongValues_NamesTheFieldsOfTheForm()
    {
        var outcome = WednesdayCentre().AddUnit(new UnitDefinition(new string('x', 51), new TimeOnly(9, 0), new TimeOnly(8, 0), false, 10_001));

        Assert.Equal(
            [new("Name", UnitNameMessage), new("End", HoursMessage), new("Capacity", CapacityMessage)],
            outcome.Refusals);
    }

    [Fact]
    public void RenameUnit_ChangesTheName_EvenOnlyItsCase()
    {
        var activity = WednesdayCentre();
        var unitId = activity.UnitId("Matin");

        Assert.True(activity.RenameUnit(unitId, "Journée").Succeeded);
        Assert.True(activity.RenameUnit(unitId, "JOURNÉE").Succeeded);

        Assert.Equal("JOURNÉE", activity.Units[0].Name);
    }

    [Fact]
    public void RenameUnit_RefusesAnotherUnitsName_ABlankName_AndAnUnknownUnit()
    {
        var activity = WednesdayCentre();
        var unitId = activity.UnitId("Matin");

        AssertSingleRefusal(activity.RenameUnit(unitId, "Après-midi").Refusals, "Name", "L'activité a déjà une unité « Après-midi » : donnez un autre nom.");
        AssertSingleRefusal(activity.RenameUnit(unitId, "").Refusals, "Name", UnitNameMessage);
        AssertSingleRefusal(activity.RenameUnit(Guid.NewGuid(), "Soir").Refusals, "UnitId", UnknownUnitMessage);

        Assert.Equal("Matin", activity.Units[0].Name);
    }

    [Fact]
    public void SetUnitHours_ChangesTheHours_OrRefuses()
    {
        var activity = WednesdayCentre();
        var unitId = activity.UnitId("Matin");

        Assert.True(activity.SetUnitHours(unitId, new TimeOnly(7, 45), new TimeOnly(11, 45)).Succeeded);
        AssertSingleRefusal(activity.SetUnitHours(unitId, new TimeOnly(11, 0), new TimeOnly(10, 0)).Refusals, "End", HoursMessage);
        AssertSingleRefusal(activity.SetUnitHours(Guid.NewGuid(), new TimeOnly(8, 0), new TimeOnly(9, 0)).Refusals, "UnitId", UnknownUnitMessage);

        Assert.Equal((new TimeOnly(7, 45), new TimeOnly(11, 45)), (activity.Units[0].Start, activity.Units[0].End));
    }

    [Fact]
    public void SetUnitCapacity_ChangesThePlaces_OrRefuses()
    {
        var activity = WednesdayCentre();
        var unitId = activity.UnitId("Repas");

        Assert.True(activity.SetUnitCapacity(unitId, 24).Succeeded);
        AssertSingleRefusal(activity.SetUnitCapacity(unitId, -1).Refusals, "Capacity", CapacityMessage);
        AssertSingleRefusal(activity.SetUnitCapacity(Guid.NewGuid(), 10).Refusals, "UnitId", UnknownUnitMessage);

        Assert.Equal(24, activity.Units[1].Capacity);
    }

    [Fact]
    public void HasUnit_KnowsOnlyTheActivitysUnits()
    {
        var activity = WednesdayCentre();

        Assert.True(activity.HasUnit(activity.UnitId("Repas")));
        Assert.False(activity.HasUnit(Canteen().UnitId("Repas")));
    }
}
