namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// The price of one unit for a bracket of quotient familial, both bounds included: 0–400,
/// 401–800, from 801 (<see cref="QuotientTo"/> left empty). A bracket without bounds is a
/// flat price. <see cref="OutOfCommune"/> marks the grid of families living outside the
/// commune.
/// </summary>
/// <param name="UnitId">The unit priced.</param>
/// <param name="QuotientFrom">Lowest quotient of the bracket; empty means 0.</param>
/// <param name="QuotientTo">Highest quotient of the bracket; empty means no upper bound.</param>
/// <param name="Price">Price in euros, 2 decimals at most.</param>
/// <param name="OutOfCommune">Whether the bracket belongs to the out-of-commune grid.</param>
public sealed record Tariff(Guid UnitId, int? QuotientFrom, int? QuotientTo, decimal Price, bool OutOfCommune)
{
    /// <summary>Highest accepted price; more is taken for a typing slip.</summary>
    public const decimal MaxPrice = 1000m;

    /// <summary>Whether the bracket holds the quotient.</summary>
    public bool Covers(int quotient) => quotient >= (QuotientFrom ?? 0) && (QuotientTo is null || quotient <= QuotientTo);

    /// <summary>"de 401 à 800", "à partir de 801", "tous les quotients": the bracket in a message.</summary>
    public string DescribeBracket() => (QuotientFrom ?? 0, QuotientTo) switch
    {
        (0, null) => "tous les quotients",
        (var from, null) => $"à partir de {from}",
        (var from, { } to) => $"de {from} à {to}",
    };
}
