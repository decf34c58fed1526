using System.Text;
using CsCheck;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Common;

public class TextTests
{
    private const string Domain = "@exemple.fr";

    [Fact]
    public void NormalizeEmail_TrimsAndLowerCases()
    {
        Assert.Equal("sophie.martin@exemple.fr", Text.NormalizeEmail("  Sophie.MARTIN@Exemple.FR \t"));
    }

    [Fact]
    public void NormalizeEmail_KeepsAPlainAddressUnchanged()
    {
        Assert.Equal("jean-paul+ecole@mairie.exemple.fr", Text.NormalizeEmail("jean-paul+ecole@mairie.exemple.fr"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NormalizeEmail_WhenEmpty_IsRefused(string? input)
    {
        Assert.Null(Text.NormalizeEmail(input));
    }

    [Theory]
    [InlineData("sophie.exemple.fr")]
    [InlineData("@exemple.fr")]
    [InlineData("sophie@")]
    public void NormalizeEmail_WithoutALocalPartAtSignAndDomain_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeEmail(input));
    }

    [Theory]
    [InlineData("sophie@@exemple.fr")]
    [InlineData("sophie@martin@exemple.fr")]
    public void NormalizeEmail_WithTwoAtSigns_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeEmail(input));
    }

    [Fact]
    public void NormalizeEmail_WithoutADotInTheDomain_IsRefused()
    {
        Assert.Null(Text.NormalizeEmail("sophie@exemple"));
    }

    [Fact]
    public void NormalizeEmail_WithATrailingDot_IsRefused()
    {
        Assert.Null(Text.NormalizeEmail("sophie@exemple.fr."));
    }

    [Fact]
    public void NormalizeEmail_WithTwoDotsInARowInTheDomain_IsRefused()
    {
        Assert.Null(Text.NormalizeEmail("sophie@exemple..fr"));
    }

    [Fact]
    public void NormalizeEmail_WithTheDomainStartingWithADot_IsRefused()
    {
        Assert.Null(Text.NormalizeEmail("sophie@.fr"));
    }

    [Fact]
    public void NormalizeEmail_WithTheDomainStartingWithADotBeforeSeveralLabels_IsRefused()
    {
        Assert.Null(Text.NormalizeEmail("sophie@.exemple.fr"));
    }

    [Theory]
    [InlineData("sophie martin@exemple.fr")]
    [InlineData("sophie@exemple .fr")]
    [InlineData("sophie\t@exemple.fr")]
    [InlineData("sophie\u00A0martin@exemple.fr")]
    public void NormalizeEmail_WithSpacesInside_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeEmail(input));
    }

    [Theory]
    [InlineData("<sophie@exemple.fr>")]
    [InlineData("sophie<@exemple.fr")]
    [InlineData("sophie>@exemple.fr")]
    [InlineData("sophie,martin@exemple.fr")]
    [InlineData("sophie;martin@exemple.fr")]
    [InlineData("\"sophie\"@exemple.fr")]
    [InlineData("sophie\u0001@exemple.fr")]
    public void NormalizeEmail_WithAngleBracketsOrSeparators_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeEmail(input));
    }

    [Fact]
    public void NormalizeEmail_OfExactly254Characters_IsAccepted()
    {
        var email = new string('a', Text.MaxEmailLength - Domain.Length) + Domain;
        Assert.Equal(254, email.Length);
        Assert.Equal(email, Text.NormalizeEmail(email));
    }

    [Fact]
    public void NormalizeEmail_LongerThan254Characters_IsRefused()
    {
        var email = new string('a', Text.MaxEmailLength - Domain.Length + 1) + Domain;
        Assert.Equal(255, email.Length);
        Assert.Null(Text.NormalizeEmail(email));
    }

    [Fact]
    public void NormalizeEmail_CountsTheLengthAfterTrimming()
    {
        var email = new string('a', Text.MaxEmailLength - Domain.Length) + Domain;
        Assert.Equal(email, Text.NormalizeEmail("   " + email + "   "));
    }

    [Fact]
    public void NormalizeEmail_AppliedTwice_GivesTheSameResult()
    {
        var anyText = Gen.Char["aZé@. <>-_\t"].Array[0, 20].Select(c => new string(c));
        Gen.OneOf(anyText, PlausibleEmails(), Gen.String).Sample(input =>
        {
            var once = Text.NormalizeEmail(input);
            Assert.Equal(once, Text.NormalizeEmail(once));
        });
    }

    [Fact]
    public void NormalizeEmail_OfAPlausibleAddress_IsItsTrimmedLowerCaseForm()
    {
        PlausibleEmails().Sample(input =>
        {
            Assert.Equal(input.Trim().ToLowerInvariant(), Text.NormalizeEmail(input));
        });
    }

    [Fact]
    public void NormalizeName_TrimsAndCollapsesSpaces()
    {
        Assert.Equal("Jean Paul", Text.NormalizeName("   Jean    Paul  "));
    }

    [Theory]
    [InlineData("Jean-Édouard")]
    [InlineData("N'Diaye")]
    [InlineData("d’Arc")]
    [InlineData("Zoé")]
    [InlineData("Anne-Sophie de La Tour")]
    [InlineData("Ægir Ødegård")]
    [InlineData("J. Martin")]
    public void NormalizeName_WithAccentsHyphensAndApostrophes_IsAccepted(string name)
    {
        Assert.Equal(name, Text.NormalizeName(name));
    }

    [Fact]
    public void NormalizeName_WithDecomposedAccents_IsAccepted()
    {
        var decomposed = "Jean-Édouard".Normalize(NormalizationForm.FormD);
        Assert.Equal(13, decomposed.Length);
        Assert.Equal(decomposed, Text.NormalizeName(decomposed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    public void NormalizeName_WhenEmpty_IsRefused(string? input)
    {
        Assert.Null(Text.NormalizeName(input));
    }

    [Theory]
    [InlineData("Jean2")]
    [InlineData("R2D2")]
    [InlineData("4 Marie")]
    public void NormalizeName_WithDigits_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeName(input));
    }

    [Theory]
    [InlineData("Jean@")]
    [InlineData("Marie!")]
    [InlineData("Jean_Paul")]
    [InlineData("Jean;Paul")]
    [InlineData("Jean/Paul")]
    [InlineData("<Marie>")]
    [InlineData("Jean\tPaul")]
    public void NormalizeName_WithSymbols_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeName(input));
    }

    [Theory]
    [InlineData("-Jean")]
    [InlineData("  -Jean")]
    [InlineData("'Jean")]
    [InlineData(".Jean")]
    public void NormalizeName_StartingWithAHyphenApostropheOrDot_IsRefused(string input)
    {
        Assert.Null(Text.NormalizeName(input));
    }

    [Fact]
    public void NormalizeName_OfExactly80Characters_IsAccepted()
    {
        var name = new string('a', Text.MaxNameLength);
        Assert.Equal(name, Text.NormalizeName(name));
    }

    [Fact]
    public void NormalizeName_LongerThan80Characters_IsRefused()
    {
        Assert.Null(Text.NormalizeName(new string('a', Text.MaxNameLength + 1)));
    }

    [Fact]
    public void NormalizeName_CountsTheLengthAfterCollapsingSpaces()
    {
        var first = new string('a', 40);
        var last = new string('b', 39);
        Assert.Equal(first + " " + last, Text.NormalizeName("  " + first + "          " + last + "  "));
    }

    private static Gen<string> PlausibleEmails()
    {
        var label = Gen.Char["abcXYZéé0189-_"].Array[1, 10].Select(c => new string(c));
        var padding = Gen.Char[" \t"].Array[0, 3].Select(c => new string(c));
        var topLevel = Gen.Char["frCOMorg"].Array[2, 4].Select(c => new string(c));
        return Gen.Select(padding, label, label, topLevel, padding, (before, local, domain, tld, after) => $"{before}{local}@{domain}.{tld}{after}");
    }
}
