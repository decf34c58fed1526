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
    /// What the portal keeps of any text typed in a form or an address: control characters
    /// (NUL, escape, delete…), which no one types and no database column wants, are taken out,
    /// and so is half of a broken surrogate pair. A line break or a tab becomes a space, except in
    /// a multi-line field (a textarea), where line breaks and tabs are kept.
    /// </summary>
    public static string? CleanInput(string? input, bool multiline)
    {
        if (input is null || !NeedsCleaning(input))
        {
            return input;
        }

        var clean = new System.Text.StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                clean.Append(c).Append(input[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                continue;
            }
            else if (c is '\n' or '\r' or '\t')
            {
                clean.Append(multiline ? c : ' ');
            }
            else if (!char.IsControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static bool NeedsCleaning(string input)
    {
        foreach (var c in input)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
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
