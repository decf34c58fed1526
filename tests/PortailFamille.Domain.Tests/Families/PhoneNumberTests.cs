using CsCheck;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("04 76 12 34 56")]
    [InlineData("0476123456")]
    [InlineData("04.76.12.34.56")]
    [InlineData("04-76-12-34-56")]
    [InlineData("04/76/12/34/56")]
    [InlineData("+33 4 76 12 34 56")]
    [InlineData("+33476123456")]
    [InlineData("+33 (0)4 76 12 34 56")]
    [InlineData("0033476123456")]
    [InlineData("00 33 4 76 12 34 56")]
    [InlineData("  04 76 12 34 56  ")]
    public void Normalize_AFrenchNumberWrittenInAnyUsualWay_GivesTheInternationalForm(string input)
    {
        Assert.Equal("+33476123456", PhoneNumber.Normalize(input));
    }

    [Fact]
    public void Normalize_AFrenchMobile_GivesTheInternationalForm()
    {
        Assert.Equal("+33612345678", PhoneNumber.Normalize("06.12.34.56.78"));
    }

    [Theory]
    [InlineData("+41 22 123 45 67")]
    [InlineData("0041 22 123 45 67")]
    [InlineData("+41221234567")]
    [InlineData("+41 (0)22 123 45 67")]
    public void Normalize_AForeignNumber_IsKeptInItsInternationalForm(string input)
    {
        Assert.Equal("+41221234567", PhoneNumber.Normalize(input));
    }

    [Fact]
    public void Normalize_AForeignNumberOf8Digits_IsAccepted()
    {
        Assert.Equal("+35212345", PhoneNumber.Normalize("+352 12 345"));
    }

    [Fact]
    public void Normalize_AForeignNumberOf15Digits_IsAccepted()
    {
        Assert.Equal("+491234567890123", PhoneNumber.Normalize("+49 123 456 789 0123"));
    }

    [Theory]
    [InlineData("+352 1234")]
    [InlineData("+49 123 456 789 01234")]
    public void Normalize_AForeignNumberOfFewerThan8OrMoreThan15Digits_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalize_WhenEmpty_GivesNull(string? input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("04 76 12 34 5")]
    [InlineData("047612345")]
    public void Normalize_WithOnly9Digits_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("04 76 12 34 56 7")]
    [InlineData("04761234567")]
    public void Normalize_With11Digits_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("04 76 AB 34 56")]
    [InlineData("O476123456")]
    [InlineData("tél 04 76 12 34 56")]
    [InlineData("04 76 12 34 56 poste 12")]
    public void Normalize_WithLetters_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("04_76_12_34_56")]
    [InlineData("04,76,12,34,56")]
    [InlineData("04 76+12 34 56")]
    public void Normalize_WithAnUnusualSeparator_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("00 00 00 00 00")]
    [InlineData("0000000000")]
    public void Normalize_TenDigitsStartingWith00_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Fact]
    public void Normalize_00FollowedByTooFewDigits_IsRefused()
    {
        Assert.Null(PhoneNumber.Normalize("0012"));
    }

    [Theory]
    [InlineData("+33 0 76 12 34 56")]
    [InlineData("+33 00 76 12 34 56")]
    [InlineData("+33 0 0 76 12 34 56")]
    [InlineData("0033 0 76 12 34 56")]
    public void Normalize_Plus33FollowedByAZeroThatIsNotTheTrunkPrefixOfAValidNumber_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("+33 4 76 12 34 5")]
    [InlineData("+33 4 76 12 34 56 7")]
    [InlineData("+33")]
    public void Normalize_Plus33WithoutExactly9DigitsAfter_IsRefused(string input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Fact]
    public void Format_OfAStoredFrenchNumber_GivesTheFrenchFormInPairs()
    {
        Assert.Equal("04 76 12 34 56", PhoneNumber.Format("+33476123456"));
    }

    [Fact]
    public void Format_OfAStoredForeignNumber_IsAsStored()
    {
        Assert.Equal("+41221234567", PhoneNumber.Format("+41221234567"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Format_OfNoNumber_IsEmpty(string? stored)
    {
        Assert.Equal(string.Empty, PhoneNumber.Format(stored));
    }

    [Fact]
    public void Format_OfNormalize_NormalisesBackToTheSameNumber_ForAnyValidFrenchNumber()
    {
        Gen.Select(FrenchNationalNumbers(), Gen.Int[0, 3], Gen.OneOf("", " ", ".", "-", "/")).Sample(
            (national, style, separator) =>
            {
                var written = Write(national, style, separator);
                var expected = "+33" + national[1..];

                var normalized = PhoneNumber.Normalize(written);
                Assert.Equal(expected, normalized);

                var formatted = PhoneNumber.Format(normalized);
                Assert.Equal(string.Join(' ', Enumerable.Range(0, 5).Select(i => national.Substring(i * 2, 2))), formatted);
                Assert.Equal(expected, PhoneNumber.Normalize(formatted));
            },
            iter: 10_000);
    }

    [Fact]
    public void Normalize_AppliedToItsOwnOutput_GivesTheSameValue()
    {
        var frenchForms = Gen.Select(FrenchNationalNumbers(), Gen.Int[0, 3], Gen.OneOf("", " ", ".", "-"), Write);
        var phoneLikeText = Gen.Char["0123456789+ .-()/a"].Array[0, 20].Select(c => new string(c));
        var internationalDigits = Gen.Char['0', '9'].Array[0, 18].Select(c => "+" + new string(c));
        Gen.OneOf(frenchForms, phoneLikeText, internationalDigits, Gen.String).Sample(
            input =>
            {
                var once = PhoneNumber.Normalize(input);
                Assert.Equal(once, PhoneNumber.Normalize(once));
            },
            iter: 10_000);
    }

    /// <summary>"0" then a digit from 1 to 9 then 8 digits: a valid French number.</summary>
    private static Gen<string> FrenchNationalNumbers() =>
        Gen.Select(Gen.Char['1', '9'], Gen.Char['0', '9'].Array[8], (first, rest) => "0" + first + new string(rest));

    private static string Write(string national, int style, string separator)
    {
        var pairs = Enumerable.Range(0, 5).Select(i => national.Substring(i * 2, 2)).ToArray();
        var afterTrunkZero = national[1] + separator + string.Join(separator, pairs.Skip(1));
        return style switch
        {
            0 => string.Join(separator, pairs),
            1 => "+33" + separator + afterTrunkZero,
            2 => "0033" + separator + afterTrunkZero,
            _ => "+33 (0)" + afterTrunkZero,
        };
    }
}
