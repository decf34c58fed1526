using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Common;

/// <summary>The French names of days and months, from the fr-FR culture, as the portal writes them.</summary>
public class FrenchDatesTests
{
    public static TheoryData<DayOfWeek, string, string, string, string> Days => new()
    {
        { DayOfWeek.Monday, "lundi", "Lundi", "lun.", "L" },
        { DayOfWeek.Tuesday, "mardi", "Mardi", "mar.", "M" },
        { DayOfWeek.Wednesday, "mercredi", "Mercredi", "mer.", "M" },
        { DayOfWeek.Thursday, "jeudi", "Jeudi", "jeu.", "J" },
        { DayOfWeek.Friday, "vendredi", "Vendredi", "ven.", "V" },
        { DayOfWeek.Saturday, "samedi", "Samedi", "sam.", "S" },
        { DayOfWeek.Sunday, "dimanche", "Dimanche", "dim.", "D" },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void EachDay_HasItsName_CapitalizedName_Abbreviation_AndLetter(DayOfWeek day, string name, string capitalized, string abbreviation, string letter)
    {
        Assert.Equal(name, FrenchDates.Day(day));
        Assert.Equal(capitalized, FrenchDates.CapitalizedDay(day));
        Assert.Equal(abbreviation, FrenchDates.ShortDay(day));
        Assert.Equal(letter, FrenchDates.DayLetter(day));
    }

    public static TheoryData<int, string> Months => new()
    {
        { 1, "janvier" }, { 2, "février" }, { 3, "mars" }, { 4, "avril" }, { 5, "mai" }, { 6, "juin" },
        { 7, "juillet" }, { 8, "août" }, { 9, "septembre" }, { 10, "octobre" }, { 11, "novembre" }, { 12, "décembre" },
    };

    [Theory]
    [MemberData(nameof(Months))]
    public void EachMonth_HasItsName_AndWithItsYear(int month, string name)
    {
        Assert.Equal(name, FrenchDates.Month(month));
        Assert.Equal($"{name} 2027", FrenchDates.MonthAndYear(new DateOnly(2027, month, 28)));
    }

    [Theory]
    [InlineData("décembre 2026", "Décembre 2026")]
    [InlineData("été", "Été")]
    [InlineData("", "")]
    public void Capitalize_PutsTheFirstLetterInCapitals(string text, string expected) =>
        Assert.Equal(expected, FrenchDates.Capitalize(text));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void AMonthOutsideOneToTwelve_IsAProgrammingError(int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchDates.Month(month));

    [Fact]
    public void ADayOutsideTheWeek_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchDates.Day((DayOfWeek)7));

    [Fact]
    public void TheCulture_IsFrenchOfFrance() => Assert.Equal("fr-FR", FrenchDates.Culture.Name);
}
