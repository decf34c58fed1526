namespace PortailFamille.Domain.Families;

/// <summary>
/// Quotient familial: the family's monthly resources divided by its number of parts, which
/// selects the tariff bracket.
/// </summary>
public static class FamilyQuotient
{
    /// <summary>
    /// Number of parts: 2 for the parents (a couple or a single parent), plus 0.5 for each of
    /// the first two dependent children and 1 for each child from the third.
    /// </summary>
    public static decimal Parts(int dependentChildren)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dependentChildren);
        return 2m + (0.5m * Math.Min(dependentChildren, 2)) + Math.Max(dependentChildren - 2, 0);
    }

    /// <summary>
    /// QF = monthly resources / parts, rounded to the nearest unit (half away from zero): the
    /// family of docs/product.md 4.6, with 1 083,33 € and 2 parts, has a QF of 542.
    /// </summary>
    public static int Compute(decimal monthlyResources, decimal parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyResources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        return (int)Math.Round(monthlyResources / parts, MidpointRounding.AwayFromZero);
    }
}
