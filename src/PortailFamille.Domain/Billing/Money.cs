using System.Globalization;

namespace PortailFamille.Domain.Billing;

/// <summary>
/// Amounts in euros, as decimals. A line is rounded to the cent once, from its count and
/// unit price; a total is the exact sum of rounded lines, never rounded again.
/// </summary>
public static class Money
{
    /// <summary>count × unit price, rounded once to the cent (half away from zero, as a till does).</summary>
    public static decimal Line(int count, decimal unitPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Cents(count * unitPrice);
    }

    /// <summary>An amount rounded to the cent, half away from zero.</summary>
    public static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Whether an amount has at most two decimals.</summary>
    public static bool IsInCents(decimal amount) => decimal.Round(amount, 2) == amount;

    // A plain no-break space between thousands, whatever the ICU version would choose (U+00A0 or U+202F).
    private static readonly NumberFormatInfo FrenchNumbers = new()
    {
        NumberGroupSeparator = "\u00a0",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>"1 083,33 €", "-12,50 €": an amount as a French reader expects it.</summary>
    public static string Euros(decimal amount) => amount.ToString("#,##0.00", FrenchNumbers) + "\u00a0€";
}
