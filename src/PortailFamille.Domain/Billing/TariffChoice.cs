using System.Globalization;
using System.Text;

namespace PortailFamille.Domain.Billing;

/// <summary>A quotient familial and the day from which it applies.</summary>
public sealed record QuotientFrom(DateOnly ValidFrom, int Quotient);

/// <summary>
/// Which grid and which bracket price a family's day (docs/product.md 4.6). The price itself
/// comes from <see cref="Catalogue.Activity.PriceFor"/>; this says with which quotient and
/// which grid to ask.
/// </summary>
public static class TariffChoice
{
    /// <summary>
    /// The family's quotient on a day: the last one entered that applies from that day or
    /// before. A day before the first known quotient takes the first one (it describes the
    /// same household; billing the highest bracket for it would punish a late entry by the
    /// service). No quotient at all gives null, and the highest bracket.
    /// </summary>
    public static int? QuotientOn(IReadOnlyList<QuotientFrom> history, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var applying = history.Where(h => h.ValidFrom <= day).MaxBy(h => h.ValidFrom);
        return (applying ?? history.MinBy(h => h.ValidFrom)!).Quotient;
    }

    /// <summary>
    /// Whether a family pays the out-of-commune grid: its town is not the commune's. Towns
    /// are compared as people write them, whatever the case, accents, hyphens and "Saint"
    /// or "St": "beaulieu les sagnes" is "Beaulieu-les-Sagnes". A family without an address
    /// yet is taken as living in the commune.
    /// </summary>
    public static bool IsOutOfCommune(string? familyTown, string communeTown)
    {
        ArgumentNullException.ThrowIfNull(communeTown);
        if (string.IsNullOrWhiteSpace(familyTown) || string.IsNullOrWhiteSpace(communeTown))
        {
            return false;
        }

        return TownKey(familyTown) != TownKey(communeTown);
    }

    private static string TownKey(string town)
    {
        var decomposed = town.Normalize(NormalizationForm.FormD);
        var words = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            words.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }

        var parts = words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w switch { "ST" => "SAINT", "STE" => "SAINTE", _ => w });
        return string.Join(' ', parts);
    }
}
