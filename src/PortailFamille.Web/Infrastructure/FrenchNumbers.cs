using System.Globalization;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Infrastructure;

/// <summary>Amounts and numbers of parts as agents read and type them: "1 083,33 €", "2,5".</summary>
public static class FrenchNumbers
{
    // A plain no-break space between thousands, whatever the ICU version would choose (U+00A0 or U+202F).
    private static readonly NumberFormatInfo Numbers = CreateNumbers();

    /// <summary>"1 083,33 €".</summary>
    public static string Euros(decimal amount) => Domain.Billing.Money.Euros(amount);

    /// <summary>"20 000": a count, thousands apart.</summary>
    public static string Count(int value) => value.ToString("#,##0", Numbers);

    /// <summary>"2", "2,5".</summary>
    public static string Parts(decimal parts) => parts.ToString("0.##", Numbers);

    /// <summary>"1083,33": the value put back in a form field, as an agent would type it.</summary>
    public static string EditableAmount(decimal amount) => amount.ToString("0.00", Numbers);

    /// <summary>
    /// Reads an amount or a number of parts typed the French way ("1083,33", "1 083,33", "1 083,33 €",
    /// "2,5"). A dot is read as the decimal separator when there is no comma ("1083.33").
    /// </summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '€')]);
        if (!compact.Contains(',', StringComparison.Ordinal))
        {
            compact = compact.Replace('.', ',');
        }

        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Numbers, out value);
    }

    private static NumberFormatInfo CreateNumbers()
    {
        var numbers = (NumberFormatInfo)ParisClock.French.NumberFormat.Clone();
        numbers.NumberGroupSeparator = "\u00a0";
        numbers.NumberDecimalSeparator = ",";
        return NumberFormatInfo.ReadOnly(numbers);
    }
}
