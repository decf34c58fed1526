namespace PortailFamille.Domain.Families;

/// <summary>
/// French phone numbers as families type them ("04 76 12 34 56", "06.12.34.56.78",
/// "+33 6 12 34 56 78", "0033612345678"), stored in one international form ("+33612345678")
/// and shown back in the French way.
/// </summary>
public static class PhoneNumber
{
    /// <summary>
    /// Returns the international form, or null when the text is not a phone number. A French
    /// number has 10 digits starting with 0 (not 00); a foreign one starts with + or 00 and has
    /// 8 to 15 digits.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();
        var international = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        if (international)
        {
            // "+41 (0)22 …", "+33 (0)6 …": the national trunk 0 written in brackets is not dialled.
            text = text.Replace("(0)", string.Empty, StringComparison.Ordinal);
        }

        international = text.StartsWith('+');
        var digits = new List<char>(16);
        foreach (var c in international ? text[1..] : text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Add(c);
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')' or '/'))
            {
                return null;
            }
        }

        var number = new string([.. digits]);
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }

        if (international)
        {
            // "+33 (0)6 …" is a common way of writing a French number abroad.
            if (number.StartsWith("330", StringComparison.Ordinal) && number.Length == 12)
            {
                number = "33" + number[3..];
            }

            if (number.StartsWith("33", StringComparison.Ordinal))
            {
                return number.Length == 11 && number[2] != '0' ? "+" + number : null;
            }

            return number.Length is >= 8 and <= 15 && number[0] != '0' ? "+" + number : null;
        }

        return number.Length == 10 && number[0] == '0' && number[1] != '0' ? "+33" + number[1..] : null;
    }

    /// <summary>"+33476123456" → "04 76 12 34 56"; a foreign number is shown as stored.</summary>
    public static string Format(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return string.Empty;
        }

        if (stored.StartsWith("+33", StringComparison.Ordinal) && stored.Length == 12)
        {
            var national = "0" + stored[3..];
            return string.Join(' ', Enumerable.Range(0, 5).Select(i => national.Substring(i * 2, 2)));
        }

        return stored;
    }
}
