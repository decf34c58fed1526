namespace PortailFamille.Domain.Reservations;

/// <summary>
/// One move in a reservation's history: when (UTC), from which state to which, by which
/// action, who made it and from where ("portail", "gestion", "transfert").
/// </summary>
public sealed record ReservationChange(
    DateTimeOffset At,
    ReservationState From,
    ReservationState To,
    ReservationAction Action,
    string By,
    string Origin);
