using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

public class CapacityTests
{
    private static readonly DateOnly Outing = new(2026, 10, 14);
    private static readonly DateOnly NextWednesday = new(2026, 10, 21);

    [Fact]
    public void CapacityOn_WithoutOverride_IsTheUnitsCapacity()
    {
        var activity = WednesdayCentre();

        Assert.Equal(40, activity.CapacityOn(activity.UnitId("Repas"), Outing));
    }

    [Fact]
    public void SetCapacityOn_ChangesOnlyThatUnitOnThatDate()
    {
        var activity = WednesdayCentre();
        var repas = activity.UnitId("Repas");

        Assert.True(activity.SetCapacityOn(repas, Outing, 24).Succeeded);

        Assert.Equal(24, activity.CapacityOn(repas, Outing));
        Assert.Equal(40, activity.CapacityOn(repas, NextWednesday));
        Assert.Equal(40, activity.CapacityOn(activity.UnitId("Matin"), Outing));
        var change = Assert.Single(activity.CapacityOverrides);
        Assert.Equal(new(repas, Outing, 24), change);
    }

    [Fact]
    public void SetCapacityOn_TheSameDateAgain_ReplacesTheOverride()
    {
        var activity = WednesdayCentre();
        var repas = activity.UnitId("Repas");
        activity.SetCapacityOn(repas, Outing, 24);

        activity.SetCapacityOn(repas, Outing, 50);

        Assert.Equal(50, activity.CapacityOn(repas, Outing));
        Assert.Single(activity.CapacityOverrides);
    }

    [Fact]
    public void SetCapacityOn_Zero_ClosesTheUnitThatDay()
    {
        var activity = WednesdayCentre();
        var matin = activity.UnitId("Matin");

        Assert.True(activity.SetCapacityOn(matin, Outing, 0).Succeeded);

        Assert.Equal(0, activity.CapacityOn(matin, Outing));
    }

    [Fact]
    public void SetCapacityOn_Null_GoesBackToTheUnitsCapacity_EvenAfterItChanged()
    {
        var activity = WednesdayCentre();
        var repas = activity.UnitId("Repas");
        activity.SetCapacityOn(repas, Outing, 24);
        activity.SetUnitCapacity(repas, 45);

        Assert.True(activity.SetCapacityOn(repas, Outing, null).Succeeded);

        Assert.Equal(45, activity.CapacityOn(repas, Outing));
        Assert.Empty(activity.CapacityOverrides);
    }

    [Fact]
    public void SetUnitCapacity_DoesNotChangeAnOverriddenDate()
    {
        var activity = WednesdayCentre();
        var repas = activity.UnitId("Repas");
        activity.SetCapacityOn(repas, Outing, 24);

        activity.SetUnitCapacity(repas, 60);

        Assert.Equal(24, activity.CapacityOn(repas, Outing));
        Assert.Equal(60, activity.CapacityOn(repas, NextWednesday));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void SetCapacityOn_OutOfRange_IsRefused_AndKeepsTheCapacity(int places)
    {
        var activity = WednesdayCentre();
        var repas = activity.UnitId("Repas");

        AssertSingleRefusal(activity.SetCapacityOn(repas, Outing, places).Refusals, "Capacity", "Le nombre de places doit être compris entre 0 et 10 000.");

        Assert.Equal(40, activity.CapacityOn(repas, Outing));
    }

    [Fact]
    public void SetCapacityOn_AnotherActivitysUnit_IsRefused()
    {
        var activity = WednesdayCentre();

        AssertSingleRefusal(
            activity.SetCapacityOn(Canteen().UnitId("Repas"), Outing, 10).Refusals,
            "UnitId",
            "Cette unité n'appartient pas à l'activité CLSH MERCREDI.");
        Assert.Empty(activity.CapacityOverrides);
    }

    [Fact]
    public void CapacityOn_AnotherActivitysUnit_Throws()
    {
        Assert.Throws<ArgumentException>(() => WednesdayCentre().CapacityOn(Guid.NewGuid(), Outing));
    }
}
