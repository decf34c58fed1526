using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class AuthorisedPersonTests
{
    private const string NameMessage = "Saisissez le nom et le prénom de la personne autorisée.";
    private const string PhoneMessage = "Saisissez le téléphone de la personne autorisée (10 chiffres).";
    private const string RelationshipMessage = "Indiquez le lien avec l'enfant (par exemple grand-mère, voisin).";
    private const string RoleMessage = "Cochez au moins « peut venir chercher l'enfant » ou « à appeler en cas d'urgence ».";

    [Fact]
    public void Create_WithValidInput_GivesTheCheckedPerson()
    {
        var outcome = AuthorisedPerson.Create("  Jeanne   Martin ", "06.12.34.56.78", "  grand-mère ", mayPickUp: true, emergencyContact: false);

        Assert.True(outcome.Succeeded);
        Assert.Equal(new AuthorisedPerson("Jeanne Martin", "+33612345678", "grand-mère", true, false), outcome.Value);
    }

    [Theory]
    [InlineData("06 12 34 56 78", "+33612345678")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033612345678", "+33612345678")]
    [InlineData("04-76-12-34-56", "+33476123456")]
    [InlineData("+41 22 123 45 67", "+41221234567")]
    public void Create_NormalisesThePhone(string phone, string expected)
    {
        var outcome = AuthorisedPerson.Create("Jeanne Martin", phone, "grand-mère", mayPickUp: true, emergencyContact: true);

        Assert.Equal(expected, outcome.Value.Phone);
    }

    [Fact]
    public void Create_AsAnEmergencyContactOnly_IsAccepted()
    {
        var outcome = AuthorisedPerson.Create("Paul Roux", "06 12 34 56 78", "voisin", mayPickUp: false, emergencyContact: true);

        Assert.True(outcome.Succeeded);
        Assert.False(outcome.Value.MayPickUp);
        Assert.True(outcome.Value.EmergencyContact);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Jeanne 2")]
    [InlineData("-Jeanne")]
    public void Create_WithoutAValidName_IsRefusedOnName(string? name)
    {
        var outcome = AuthorisedPerson.Create(name, "06 12 34 56 78", "grand-mère", mayPickUp: true, emergencyContact: false);

        AssertSingleRefusal(outcome.Refusals, "Name", NameMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("06 12 34 56")]
    [InlineData("06 12 34 AB 78")]
    public void Create_WithoutAValidPhone_IsRefusedOnPhone(string? phone)
    {
        var outcome = AuthorisedPerson.Create("Jeanne Martin", phone, "grand-mère", mayPickUp: true, emergencyContact: false);

        AssertSingleRefusal(outcome.Refusals, "Phone", PhoneMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    public void Create_WithoutARelationship_IsRefusedOnRelationship(string? relationship)
    {
        var outcome = AuthorisedPerson.Create("Jeanne Martin", "06 12 34 56 78", relationship, mayPickUp: true, emergencyContact: false);

        AssertSingleRefusal(outcome.Refusals, "Relationship", RelationshipMessage);
    }

    [Fact]
    public void Create_WithARelationshipOf50Characters_IsAccepted()
    {
        var relationship = new string('r', 50);

        var outcome = AuthorisedPerson.Create("Jeanne Martin", "06 12 34 56 78", relationship, mayPickUp: true, emergencyContact: false);

        Assert.Equal(relationship, outcome.Value.Relationship);
    }

    [Fact]
    public void Create_WithARelationshipLongerThan50Characters_IsRefused()
    {
        var outcome = AuthorisedPerson.Create("Jeanne Martin", "06 12 34 56 78", new string('r', 51), mayPickUp: true, emergencyContact: false);

        AssertSingleRefusal(outcome.Refusals, "Relationship", RelationshipMessage);
    }

    [Fact]
    public void Create_NeitherMayPickUpNorEmergencyContact_IsRefusedOnMayPickUp()
    {
        var outcome = AuthorisedPerson.Create("Jeanne Martin", "06 12 34 56 78", "grand-mère", mayPickUp: false, emergencyContact: false);

        AssertSingleRefusal(outcome.Refusals, "MayPickUp", RoleMessage);
    }

    [Fact]
    public void Create_WithEverythingMissing_GivesOneRefusalPerField()
    {
        var outcome = AuthorisedPerson.Create(null, null, null, mayPickUp: false, emergencyContact: false);

        Assert.False(outcome.Succeeded);
        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("Name", NameMessage), r),
            r => Assert.Equal(new Refusal("Phone", PhoneMessage), r),
            r => Assert.Equal(new Refusal("Relationship", RelationshipMessage), r),
            r => Assert.Equal(new Refusal("MayPickUp", RoleMessage), r));
    }

    private static void AssertSingleRefusal(IReadOnlyList<Refusal> refusals, string field, string message)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
