using PortailFamille.Domain.Registrations;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Registrations;

public class WeeklyPatternTests
{
    [Fact]
    public void Create_KeepsTheTickedBoxes_MondayFirst_EachOnce()
    {
        var canteen = Canteen();
        var repas = canteen.UnitId("Repas");

        var outcome = WeeklyPattern.Create(
            [(DayOfWeek.Friday, repas), (DayOfWeek.Monday, repas), (DayOfWeek.Friday, repas), (DayOfWeek.Thursday, repas)],
            canteen);

        Assert.True(outcome.Succeeded);
        Assert.Equal(
            [new(DayOfWeek.Monday, repas), new(DayOfWeek.Thursday, repas), new(DayOfWeek.Friday, repas)],
            outcome.Value.Slots);
        Assert.True(outcome.Value.Contains(DayOfWeek.Thursday, repas));
        Assert.False(outcome.Value.Contains(DayOfWeek.Tuesday, repas));
    }

    [Fact]
    public void Create_WithNoBox_IsTheEmptyPattern()
    {
        var outcome = WeeklyPattern.Create([], Canteen());

        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Value.IsEmpty);
        Assert.Equal(WeeklyPattern.Empty, outcome.Value);
    }

    [Fact]
    public void Create_ADayTheActivityDoesNotRun_IsRefused_OncePerDay()
    {
        var canteen = Canteen();
        var repas = canteen.UnitId("Repas");

        var outcome = WeeklyPattern.Create([(DayOfWeek.Wednesday, repas), (DayOfWeek.Wednesday, repas), (DayOfWeek.Saturday, repas)], canteen);

        Assert.Equal(
            [
                new("Pattern", "Restaurant scolaire n'a pas lieu le mercredi : décochez ce jour dans la semaine type."),
                new("Pattern", "Restaurant scolaire n'a pas lieu le samedi : décochez ce jour dans la semaine type."),
            ],
            outcome.Refusals);
    }

    [Fact]
    public void Create_AUnitOfAnotherActivity_IsRefused()
    {
        var canteen = Canteen();

        var outcome = WeeklyPattern.Create([(DayOfWeek.Monday, WednesdayCentre().UnitId("Repas"))], canteen);

        AssertSingleRefusal(outcome.Refusals, "Pattern", "Une unité cochée dans la semaine type n'appartient pas à l'activité Restaurant scolaire.");
    }

    [Fact]
    public void Create_AValueThatIsNoDay_IsRefused()
    {
        var canteen = Canteen();

        var outcome = WeeklyPattern.Create([((DayOfWeek)7, canteen.UnitId("Repas"))], canteen);

        AssertSingleRefusal(outcome.Refusals, "Pattern", "Choisissez les jours de la semaine type dans la liste du lundi au dimanche.");
    }

    [Fact]
    public void UnitsOn_ListsTheUnitsOfADay()
    {
        var centre = HolidayCentre();
        var matin = centre.UnitId("Matin");
        var repas = centre.UnitId("Repas");
        var pattern = WeeklyPattern.Create([(DayOfWeek.Monday, matin), (DayOfWeek.Monday, repas), (DayOfWeek.Tuesday, matin)], centre).Value;

        Assert.Equal(new HashSet<Guid> { matin, repas }, pattern.UnitsOn(DayOfWeek.Monday).ToHashSet());
        Assert.Empty(pattern.UnitsOn(DayOfWeek.Friday));
    }

    [Fact]
    public void ToStorage_WritesDaysAndUnitIds_AndFromStorageReadsThemBack()
    {
        var centre = WednesdayCentre();
        var matin = centre.UnitId("Matin");
        var pattern = WeeklyPattern.Create([(DayOfWeek.Wednesday, matin)], centre).Value;

        var stored = pattern.ToStorage();

        Assert.Equal($"Wednesday:{matin:D}", stored);
        Assert.Equal(pattern, WeeklyPattern.FromStorage(stored));
        Assert.Equal(stored, pattern.ToString());
    }

    [Fact]
    public void ToStorage_IsTheSameWhateverTheOrderTheBoxesWereTicked()
    {
        var centre = HolidayCentre();
        (DayOfWeek, Guid)[] slots =
        [
            (DayOfWeek.Friday, centre.UnitId("Repas")),
            (DayOfWeek.Monday, centre.UnitId("Après-midi")),
            (DayOfWeek.Monday, centre.UnitId("Matin")),
            (DayOfWeek.Wednesday, centre.UnitId("Repas")),
        ];

        var forwards = WeeklyPattern.Create(slots, centre).Value;
        var backwards = WeeklyPattern.Create(slots.Reverse(), centre).Value;

        Assert.Equal(forwards.ToStorage(), backwards.ToStorage());
        Assert.Equal(forwards, backwards);
        Assert.Equal(forwards.GetHashCode(), backwards.GetHashCode());
        Assert.Equal(forwards, WeeklyPattern.FromStorage(forwards.ToStorage()));
    }

    [Fact]
    public void ASundaySlot_ComesLast()
    {
        var unit = Guid.NewGuid();

        var pattern = WeeklyPattern.FromStorage($"Sunday:{unit:D};Monday:{unit:D}");

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Sunday], pattern.Slots.Select(s => s.Day));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FromStorage_Nothing_IsTheEmptyPattern(string? stored)
    {
        Assert.Same(WeeklyPattern.Empty, WeeklyPattern.FromStorage(stored));
        Assert.Equal(string.Empty, WeeklyPattern.Empty.ToStorage());
    }

    [Theory]
    [InlineData("Wednesday")]
    [InlineData("Mercredi:6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("3:6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("Monday, Tuesday:6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("Wednesday:not-a-guid")]
    [InlineData("Wednesday:6f9619ff-8b86-d011-b42d-00c04fc964ff;")]
    [InlineData("Wednesday:6f9619ff-8b86-d011-b42d-00c04fc964ff:x")]
    public void FromStorage_AnythingElse_Throws(string stored)
    {
        Assert.Throws<FormatException>(() => WeeklyPattern.FromStorage(stored));
    }

    [Fact]
    public void Patterns_WithDifferentBoxes_AreDifferent()
    {
        var centre = WednesdayCentre();
        var matin = WeeklyPattern.Create([(DayOfWeek.Wednesday, centre.UnitId("Matin"))], centre).Value;
        var repas = WeeklyPattern.Create([(DayOfWeek.Wednesday, centre.UnitId("Repas"))], centre).Value;

        Assert.NotEqual(matin, repas);
        Assert.NotEqual(matin, WeeklyPattern.Empty);
        Assert.False(matin.Equals(null));
    }
}
