namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>The contrast helper gives WCAG's figures, so the focus checks built on it can fail.</summary>
public sealed class ContrastRatioTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#f4b400", "#ffffff", 1.85)] // the former focus ring on a free cell
    [InlineData("#f4b400", "#ffe45c", 1.45)] // and on a requested one
    [InlineData("#ffffff", "#1b7a34", 5.41)] // white on a confirmed cell
    public void Ratio_IsWcags(string first, string second, double expected) =>
        Assert.Equal(expected, ContrastRatio.Ratio(ContrastRatio.Rgb(first), ContrastRatio.Rgb(second)), 2);

    [Fact]
    public void FirstColour_ReadsABoxShadow() =>
        Assert.Equal("rgb(255, 221, 0)", ContrastRatio.FirstColour("rgb(255, 221, 0) 0px 0px 0px 6px inset"));
}
