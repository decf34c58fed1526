using PortailFamille.Domain.Catalogue;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Catalogue;

public class FacilityTests
{
    private const string FacilityNameMessage = "Saisissez le nom de l'équipement (100 caractères au plus).";
    private const string TypeNameMessage = "Saisissez le nom du type d'activité (100 caractères au plus).";

    [Fact]
    public void Create_KeepsTheName_TrimmedWithSingleSpaces()
    {
        var outcome = Facility.Create("  RESTAURANT   SCOLAIRE ");

        Assert.True(outcome.Succeeded);
        Assert.Equal("RESTAURANT SCOLAIRE", outcome.Value.Name);
        Assert.NotEqual(Guid.Empty, outcome.Value.Id);
    }

    [Fact]
    public void Create_GivesEachFacilityItsOwnId()
    {
        Assert.NotEqual(Facility.Create("CENTRE DE LOISIRS").Value.Id, Facility.Create("CENTRE DE LOISIRS").Value.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("CENTRE\tDE LOISIRS")]
    public void Create_WithoutAUsableName_IsRefused(string? name)
    {
        AssertSingleRefusal(Facility.Create(name).Refusals, "Name", FacilityNameMessage);
    }

    [Fact]
    public void Create_AcceptsANameOf100Characters_AndRefuses101()
    {
        Assert.True(Facility.Create(new string('A', 100)).Succeeded);
        AssertSingleRefusal(Facility.Create(new string('A', 101)).Refusals, "Name", FacilityNameMessage);
    }

    [Fact]
    public void Rename_ChangesTheName_OrRefusesAndKeepsIt()
    {
        var facility = Facility.Create("CENTRE DE LOISIRS").Value;

        Assert.True(facility.Rename("ACCUEIL DE LOISIRS").Succeeded);
        AssertSingleRefusal(facility.Rename(" ").Refusals, "Name", FacilityNameMessage);

        Assert.Equal("ACCUEIL DE LOISIRS", facility.Name);
    }

    [Fact]
    public void ActivityType_Create_BelongsToItsFacility()
    {
        var facility = Facility.Create("CENTRE DE LOISIRS").Value;

        var outcome = ActivityType.Create(facility.Id, " ALSH ");

        Assert.True(outcome.Succeeded);
        Assert.Equal(facility.Id, outcome.Value.FacilityId);
        Assert.Equal("ALSH", outcome.Value.Name);
        Assert.NotEqual(Guid.Empty, outcome.Value.Id);
    }

    [Fact]
    public void ActivityType_Create_WithoutFacilityNorName_GivesBothRefusals()
    {
        var outcome = ActivityType.Create(Guid.Empty, "");

        Assert.Equal(
            [new("FacilityId", "Choisissez l'équipement du type d'activité."), new("Name", TypeNameMessage)],
            outcome.Refusals);
    }

    [Fact]
    public void ActivityType_Create_WithA101CharacterName_IsRefused()
    {
        AssertSingleRefusal(ActivityType.Create(Guid.NewGuid(), new string('é', 101)).Refusals, "Name", TypeNameMessage);
    }

    [Fact]
    public void ActivityType_Rename_ChangesTheName_OrRefusesAndKeepsIt()
    {
        var type = ActivityType.Create(Guid.NewGuid(), "Restauration").Value;

        Assert.True(type.Rename("Périscolaire").Succeeded);
        AssertSingleRefusal(type.Rename(null).Refusals, "Name", TypeNameMessage);

        Assert.Equal("Périscolaire", type.Name);
    }
}
