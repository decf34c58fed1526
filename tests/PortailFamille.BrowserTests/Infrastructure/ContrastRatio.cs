using System.Globalization;
using System.Text.RegularExpressions;

namespace PortailFamille.BrowserTests.Infrastructure;

/// <summary>The contrast ratio of WCAG 2 between two colours as the browser computes them ("rgb(255, 221, 0)").</summary>
public static partial class ContrastRatio
{
    public static double Ratio(string first, string second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>The first colour of a computed value ("rgb(11, 12, 12) 0px 0px 0px 6px inset"), or null.</summary>
    public static string? FirstColour(string? value) =>
        value is null ? null : RgbPattern().Match(value) is { Success: true } match ? match.Value : null;

    /// <summary>"#f4b400" as the browser writes it, "rgb(244, 180, 0)".</summary>
    public static string Rgb(string hex) => string.Create(
        CultureInfo.InvariantCulture,
        $"rgb({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)})");

    private static double Luminance(string colour)
    {
        var match = RgbPattern().Match(colour);
        if (!match.Success)
        {
            throw new FormatException($"Couleur illisible : {colour}");
        }

        double Channel(int index)
        {
            var c = double.Parse(match.Groups[index].Value, CultureInfo.InvariantCulture) / 255;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    [GeneratedRegex(@"rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*[\d.]+)?\)")]
    private static partial Regex RgbPattern();
}
