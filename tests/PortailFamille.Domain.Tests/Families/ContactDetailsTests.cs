using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class ContactDetailsTests
{
    private const string MissingStreetMessage = "Saisissez l'adresse (numéro et rue).";
    private const string LongStreetMessage = "L'adresse ne doit pas dépasser 200 caractères.";
    private const string MissingPostalCodeMessage = "Saisissez le code postal.";
    private const string PostalCodeMessage = "Le code postal doit comporter 5 chiffres, par exemple 38860.";
    private const string MissingTownMessage = "Saisissez la commune.";
    private const string TownMessage = "Le nom de la commune n'est pas valide.";
    private const string NoPhoneMessage = "Indiquez au moins un numéro (domicile ou portable) où joindre la famille.";
    private const string SchemeMessage = "Choisissez le régime allocataire dans la liste.";
    private const string NumberWithoutSchemeMessage = "Un numéro allocataire est saisi alors que le régime est « Non allocataire » : choisissez le régime ou effacez le numéro.";
    private const string CafNumberMessage = "Le numéro allocataire CAF comporte de 1 à 8 chiffres.";
    private const string MsaNumberMessage = "Le numéro allocataire MSA comporte de 1 à 13 chiffres.";
    private const string OtherNumberMessage = "Le numéro allocataire comporte au plus 20 lettres ou chiffres.";
    private const string BeneficiaryNameMessage = "Le nom de l'allocataire ne peut contenir que des lettres, espaces, tirets et apostrophes.";

    [Fact]
    public void Create_WithACompleteValidInput_GivesTheCheckedAndNormalisedDetails()
    {
        var input = new ContactDetailsInput(
            Street: "  12   rue des  Alpes ",
            PostalCode: "38 860",
            Town: " Les  Deux  Alpes ",
            HomePhone: "04.76.12.34.56",
            MobilePhone1: "06 12 34 56 78",
            MobilePhone2: "+33 7 12 34 56 78",
            WorkPhone1: "04-76-00-11-22",
            WorkPhone2: "0033 4 76 99 88 77",
            BeneficiaryName: " Martin   Sophie ",
            BenefitScheme: BenefitScheme.General,
            BeneficiaryNumber: "123 4567");

        var outcome = ContactDetails.Create(input);

        Assert.True(outcome.Succeeded);
        var contact = outcome.Value;
        Assert.Equal("12 rue des Alpes", contact.Street);
        Assert.Equal("38860", contact.PostalCode);
        Assert.Equal("LES DEUX ALPES", contact.Town);
        Assert.Equal("+33476123456", contact.HomePhone);
        Assert.Equal("+33612345678", contact.MobilePhone1);
        Assert.Equal("+33712345678", contact.MobilePhone2);
        Assert.Equal("+33476001122", contact.WorkPhone1);
        Assert.Equal("+33476998877", contact.WorkPhone2);
        Assert.Equal("Martin Sophie", contact.BeneficiaryName);
        Assert.Equal(BenefitScheme.General, contact.BenefitScheme);
        Assert.Equal("1234567", contact.BeneficiaryNumber);
        Assert.True(contact.HasPhone);
    }

    [Fact]
    public void Create_WithOnlyTheRequiredFields_LeavesTheOthersEmpty()
    {
        var input = new ContactDetailsInput("12 rue des Alpes", "38860", "Vizille", null, "06 12 34 56 78", null, null, null, null, null, null);

        var contact = ContactDetails.Create(input).Value;

        Assert.Null(contact.HomePhone);
        Assert.Equal("+33612345678", contact.MobilePhone1);
        Assert.Null(contact.MobilePhone2);
        Assert.Null(contact.WorkPhone1);
        Assert.Null(contact.WorkPhone2);
        Assert.Null(contact.BeneficiaryName);
        Assert.Equal(BenefitScheme.None, contact.BenefitScheme);
        Assert.Null(contact.BeneficiaryNumber);
    }

    [Fact]
    public void Create_WithoutInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ContactDetails.Create(null!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    public void Create_WithoutAStreet_IsRefusedOnStreet(string? street)
    {
        var outcome = ContactDetails.Create(ValidInput() with { Street = street });

        AssertSingleRefusal(outcome, "Street", MissingStreetMessage);
    }

    [Fact]
    public void Create_WithAStreetOf200Characters_IsAccepted()
    {
        var street = "12 " + new string('a', 197);

        var outcome = ContactDetails.Create(ValidInput() with { Street = street });

        Assert.Equal(street, outcome.Value.Street);
    }

    [Fact]
    public void Create_WithAStreetLongerThan200Characters_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { Street = "12 " + new string('a', 198) });

        AssertSingleRefusal(outcome, "Street", LongStreetMessage);
    }

    [Theory]
    [InlineData("38860")]
    [InlineData("01000")]
    [InlineData("20000")]
    [InlineData("95000")]
    [InlineData("97411")]
    [InlineData("98000")]
    public void Create_WithAFrenchPostalCode_IsAccepted(string postalCode)
    {
        var outcome = ContactDetails.Create(ValidInput() with { PostalCode = postalCode });

        Assert.Equal(postalCode, outcome.Value.PostalCode);
    }

    [Theory]
    [InlineData("38 860", "38860")]
    [InlineData(" 97 411 ", "97411")]
    public void Create_RemovesTheSpacesOfThePostalCode(string postalCode, string expected)
    {
        var outcome = ContactDetails.Create(ValidInput() with { PostalCode = postalCode });

        Assert.Equal(expected, outcome.Value.PostalCode);
    }

    [Theory]
    [InlineData("3886")]
    [InlineData("388600")]
    [InlineData("38A60")]
    [InlineData("2A000")]
    [InlineData("38-860")]
    [InlineData("00123")]
    [InlineData("96000")]
    [InlineData("99000")]
    public void Create_WithAPostalCodeThatIsNot5DigitsOfAFrenchDepartment_IsRefused(string postalCode)
    {
        var outcome = ContactDetails.Create(ValidInput() with { PostalCode = postalCode });

        AssertSingleRefusal(outcome, "PostalCode", PostalCodeMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAPostalCode_IsRefusedOnPostalCode(string? postalCode)
    {
        var outcome = ContactDetails.Create(ValidInput() with { PostalCode = postalCode });

        AssertSingleRefusal(outcome, "PostalCode", MissingPostalCodeMessage);
    }

    [Fact]
    public void Create_UpperCasesTheTown_KeepingTheAccents()
    {
        var outcome = ContactDetails.Create(ValidInput() with { Town = "Saint-Égrève" });

        Assert.Equal("SAINT-ÉGRÈVE", outcome.Value.Town);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_WithoutATown_IsRefusedOnTown(string? town)
    {
        var outcome = ContactDetails.Create(ValidInput() with { Town = town });

        AssertSingleRefusal(outcome, "Town", MissingTownMessage);
    }

    [Fact]
    public void Create_WithDigitsInTheTown_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { Town = "Grenoble 2" });

        AssertSingleRefusal(outcome, "Town", TownMessage);
    }

    [Fact]
    public void Create_WithATownLongerThan100Characters_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { Town = new string('a', 101) });

        AssertSingleRefusal(outcome, "Town", TownMessage);
    }

    [Fact]
    public void Create_WithNeitherHomePhoneNorMobile_IsRefusedOnMobilePhone1()
    {
        var input = ValidInput() with { HomePhone = null, MobilePhone1 = " ", MobilePhone2 = "", WorkPhone1 = "04 76 00 11 22" };

        var outcome = ContactDetails.Create(input);

        AssertSingleRefusal(outcome, "MobilePhone1", NoPhoneMessage);
    }

    [Theory]
    [InlineData("04 76 12 34 56", null, null)]
    [InlineData(null, "06 12 34 56 78", null)]
    [InlineData(null, null, "07 12 34 56 78")]
    public void Create_WithOnlyOneOfHomePhoneAndMobiles_IsAccepted(string? home, string? mobile1, string? mobile2)
    {
        var outcome = ContactDetails.Create(ValidInput() with { HomePhone = home, MobilePhone1 = mobile1, MobilePhone2 = mobile2 });

        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Value.HasPhone);
    }

    [Theory]
    [InlineData("HomePhone", "Tél domicile")]
    [InlineData("MobilePhone1", "Portable Parent 1")]
    [InlineData("MobilePhone2", "Portable Parent 2")]
    [InlineData("WorkPhone1", "Tél travail parent 1")]
    [InlineData("WorkPhone2", "Tél travail parent 2")]
    public void Create_WithAnInvalidPhone_IsRefusedOnThatFieldWithItsFrenchLabel(string field, string label)
    {
        const string Invalid = "04 76 12 34";
        var valid = ValidInput();
        var input = field switch
        {
            "HomePhone" => valid with { HomePhone = Invalid },
            "MobilePhone1" => valid with { MobilePhone1 = Invalid },
            "MobilePhone2" => valid with { MobilePhone2 = Invalid },
            "WorkPhone1" => valid with { WorkPhone1 = Invalid },
            _ => valid with { WorkPhone2 = Invalid },
        };

        var outcome = ContactDetails.Create(input);

        AssertSingleRefusal(outcome, field, $"{label} : saisissez un numéro à 10 chiffres, par exemple 06 12 34 56 78.");
    }

    [Fact]
    public void Create_WithNoSchemeAndANumber_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.None, BeneficiaryNumber = "1234567" });

        AssertSingleRefusal(outcome, "BeneficiaryNumber", NumberWithoutSchemeMessage);
    }

    [Fact]
    public void Create_WithAnUnsetSchemeAndANumber_IsRefusedAsNonAllocataire()
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = null, BeneficiaryNumber = "1234567" });

        AssertSingleRefusal(outcome, "BeneficiaryNumber", NumberWithoutSchemeMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithNoSchemeAndABlankNumber_ClearsTheNumber(string? number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.None, BeneficiaryNumber = number });

        Assert.True(outcome.Succeeded);
        Assert.Equal(BenefitScheme.None, outcome.Value.BenefitScheme);
        Assert.Null(outcome.Value.BeneficiaryNumber);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("12345678")]
    [InlineData("1234 5678")]
    public void Create_WithACafNumberOfUpTo8Digits_IsAccepted(string number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.General, BeneficiaryNumber = number });

        Assert.Equal(number.Replace(" ", string.Empty, StringComparison.Ordinal), outcome.Value.BeneficiaryNumber);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("1234567A")]
    [InlineData("1234-567")]
    public void Create_WithACafNumberOfMoreThan8DigitsOrNotOnlyDigits_IsRefused(string number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.General, BeneficiaryNumber = number });

        AssertSingleRefusal(outcome, "BeneficiaryNumber", CafNumberMessage);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("1234567890123")]
    public void Create_WithAnMsaNumberOfUpTo13Digits_IsAccepted(string number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.Msa, BeneficiaryNumber = number });

        Assert.Equal(BenefitScheme.Msa, outcome.Value.BenefitScheme);
        Assert.Equal(number, outcome.Value.BeneficiaryNumber);
    }

    [Theory]
    [InlineData("12345678901234")]
    [InlineData("123456789012A")]
    public void Create_WithAnMsaNumberOfMoreThan13DigitsOrNotOnlyDigits_IsRefused(string number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.Msa, BeneficiaryNumber = number });

        AssertSingleRefusal(outcome, "BeneficiaryNumber", MsaNumberMessage);
    }

    [Theory]
    [InlineData("ab12cd", "AB12CD")]
    [InlineData("AB 12 CD", "AB12CD")]
    [InlineData("ABCDEFGHIJ0123456789", "ABCDEFGHIJ0123456789")]
    public void Create_WithAnOtherSchemeNumberOfUpTo20LettersOrDigits_IsAcceptedInUpperCase(string number, string expected)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.Other, BeneficiaryNumber = number });

        Assert.Equal(BenefitScheme.Other, outcome.Value.BenefitScheme);
        Assert.Equal(expected, outcome.Value.BeneficiaryNumber);
    }

    [Theory]
    [InlineData("ABCDEFGHIJ01234567890")]
    [InlineData("AB-12")]
    [InlineData("AÉ12")]
    public void Create_WithAnOtherSchemeNumberOfMoreThan20OrNotLettersAndDigits_IsRefused(string number)
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.Other, BeneficiaryNumber = number });

        AssertSingleRefusal(outcome, "BeneficiaryNumber", OtherNumberMessage);
    }

    [Fact]
    public void Create_WithASchemeButNoNumber_IsAccepted()
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = BenefitScheme.Msa, BeneficiaryNumber = null });

        Assert.Equal(BenefitScheme.Msa, outcome.Value.BenefitScheme);
        Assert.Null(outcome.Value.BeneficiaryNumber);
    }

    [Fact]
    public void Create_WithASchemeOutsideTheList_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { BenefitScheme = (BenefitScheme)9, BeneficiaryNumber = null });

        AssertSingleRefusal(outcome, "BenefitScheme", SchemeMessage);
    }

    [Fact]
    public void Create_WithDigitsInTheBeneficiaryName_IsRefused()
    {
        var outcome = ContactDetails.Create(ValidInput() with { BeneficiaryName = "Martin 2" });

        AssertSingleRefusal(outcome, "BeneficiaryName", BeneficiaryNameMessage);
    }

    [Fact]
    public void Create_WithSeveralInvalidFields_GivesOneRefusalPerField()
    {
        var input = new ContactDetailsInput(
            Street: null,
            PostalCode: "3886",
            Town: "",
            HomePhone: null,
            MobilePhone1: null,
            MobilePhone2: null,
            WorkPhone1: "12",
            WorkPhone2: null,
            BeneficiaryName: "M@rtin",
            BenefitScheme: BenefitScheme.None,
            BeneficiaryNumber: "1234567");

        var outcome = ContactDetails.Create(input);

        Assert.False(outcome.Succeeded);
        Assert.Collection(
            outcome.Refusals,
            r => Assert.Equal(new Refusal("Street", MissingStreetMessage), r),
            r => Assert.Equal(new Refusal("PostalCode", PostalCodeMessage), r),
            r => Assert.Equal(new Refusal("Town", MissingTownMessage), r),
            r => Assert.Equal(new Refusal("WorkPhone1", "Tél travail parent 1 : saisissez un numéro à 10 chiffres, par exemple 06 12 34 56 78."), r),
            r => Assert.Equal(new Refusal("MobilePhone1", NoPhoneMessage), r),
            r => Assert.Equal(new Refusal("BeneficiaryNumber", NumberWithoutSchemeMessage), r),
            r => Assert.Equal(new Refusal("BeneficiaryName", BeneficiaryNameMessage), r));
    }

    private static ContactDetailsInput ValidInput() => new(
        Street: "12 rue des Alpes",
        PostalCode: "38860",
        Town: "Les Deux Alpes",
        HomePhone: "04 76 12 34 56",
        MobilePhone1: "06 12 34 56 78",
        MobilePhone2: null,
        WorkPhone1: null,
        WorkPhone2: null,
        BeneficiaryName: "Martin Sophie",
        BenefitScheme: BenefitScheme.General,
        BeneficiaryNumber: "1234567");

    private static void AssertSingleRefusal(Outcome<ContactDetails> outcome, string field, string message)
    {
        Assert.False(outcome.Succeeded);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Equal(message, refusal.Message);
    }
}
