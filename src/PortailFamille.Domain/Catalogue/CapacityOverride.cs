namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// The places of one unit on one date when an agent changes them (fewer staff on a day, a
/// bigger room for an outing); other dates keep the unit's <see cref="ActivityUnit.Capacity"/>.
/// </summary>
public sealed record CapacityOverride(Guid UnitId, DateOnly Date, int Capacity);
