namespace PortailFamille.Domain.Families;

/// <summary>
/// What the service knows of a family's income, as shown in "Mon compte": the latest monthly
/// resources, the number of parts, the quotient familial and the day they were updated.
/// </summary>
public sealed record FamilyResources(decimal? MonthlyResources, decimal? Parts, int Quotient, DateOnly UpdatedOn, bool QuotientGivenByFund)
{
    /// <summary>Highest monthly resources accepted, to catch a typing slip (an extra zero).</summary>
    public const decimal MaxMonthlyResources = 100_000m;
}
