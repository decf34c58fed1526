namespace PortailFamille.Domain.Registrations;

/// <summary>One ticked box of a semaine type: a unit on a weekday.</summary>
public readonly record struct WeeklySlot(DayOfWeek Day, Guid UnitId);
