using System.Globalization;

namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// The labels an administrator types for the catalogue (équipements, activités, unités,
/// périodes) and how dates and prices are written in the messages about them.
/// </summary>
internal static class Labels
{
    /// <summary>
    /// Trimmed, inner runs of spaces collapsed; null when empty, longer than
    /// <paramref name="maxLength"/> or holding a control character (a pasted tab or line
    /// break would break the lists of the portal).
    /// </summary>
    public static string? Normalize(string? input, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Any(char.IsControl))
        {
            return null;
        }

        var label = string.Join(' ', input.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return label.Length > maxLength ? null : label;
    }

    /// <summary>"01/06/2026", the jj/mm/aaaa of the whole user interface.</summary>
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
