using System.Globalization;

namespace PortailFamille.Domain.Common;

/// <summary>Validation and normalisation of the text values that people type.</summary>
public static class Text
{
    /// <summary>Longest accepted person name.</summary>
    public const int MaxNameLength = 80;

    /// <summary>Longest accepted email address (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>
    /// Normalises an email address for storage and comparison: trimmed, lower case.
    /// Returns null when it is not a plausible address.
    /// </summary>
    public static string? NormalizeEmail(string? input)
    {
        var email = input?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength)
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return null;
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        if (dot <= 0 || domain[0] == '.' || dot == domain.Length - 1 || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"')
            ? null
            : email;
    }

    /// <summary>
    /// Normalises a person's name: trimmed, inner spaces collapsed. Returns null when it is
    /// empty, too long or holds characters that no name has (digits, symbols).
    /// </summary>
    public static string? NormalizeName(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var name = string.Join(' ', input.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (name.Length > MaxNameLength || !char.IsLetter(name[0]))
        {
            return null;
        }

        foreach (var c in name)
        {
            var category = char.GetUnicodeCategory(c);
            var allowed = char.IsLetter(c)
                || category == UnicodeCategory.NonSpacingMark
                || c is ' ' or '-' or '\'' or '’' or '.';
            if (!allowed)
            {
                return null;
            }
        }

        return name;
    }
}
