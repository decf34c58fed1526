namespace PortailFamille.Domain.Reservations;

/// <summary>
/// Where a reservation cell stands (docs/product.md 3.6). The grey "Case grisée" is not stored: it is
/// computed for display, see <see cref="UnavailableReason"/>.
/// </summary>
public enum ReservationState
{
    /// <summary>Case libre.</summary>
    Free,

    /// <summary>Demande de réservation (non encore envoyée).</summary>
    Requested,

    /// <summary>Demande de réservation envoyée (en attente d'acceptation).</summary>
    RequestSent,

    /// <summary>Réservation validée.</summary>
    Confirmed,

    /// <summary>Demande de réservation en attente (liste d'attente).</summary>
    Waitlisted,

    /// <summary>Demande refusée.</summary>
    Refused,

    /// <summary>Demande d'annulation (non encore envoyée).</summary>
    CancellationRequested,

    /// <summary>Demande d'annulation envoyée.</summary>
    CancellationSent,

    /// <summary>Demande d'annulation en attente / refusée : l'enfant reste inscrit.</summary>
    CancellationRefused,
}

/// <summary>Why a cell is grey ("Case grisée") and not actionable; computed, never stored.</summary>
public enum UnavailableReason
{
    /// <summary>The booking deadline has passed: hors délai.</summary>
    OutOfDeadline,

    /// <summary>The activity is closed that day: jour fermé.</summary>
    Closed,

    /// <summary>The day is outside the registration's dates: hors inscription.</summary>
    OutOfRegistration,
}

/// <summary>The French labels of the calendar's legend, worded as in docs/product.md 3.6.</summary>
public static class ReservationStates
{
    /// <summary>The label of a stored state, as in docs/product.md 3.6's table.</summary>
    public static string Label(ReservationState state) => state switch
    {
        ReservationState.Free => "Case libre",
        ReservationState.Requested => "Demande de réservation (non encore envoyée)",
        ReservationState.RequestSent => "Demande de réservation envoyée (en attente d'acceptation)",
        ReservationState.Confirmed => "Réservation validée",
        ReservationState.Waitlisted => "Demande de réservation en attente (liste d'attente)",
        ReservationState.Refused => "Demande refusée",
        ReservationState.CancellationRequested => "Demande d'annulation (non encore envoyée)",
        ReservationState.CancellationSent => "Demande d'annulation envoyée",
        ReservationState.CancellationRefused => "Demande d'annulation en attente / refusée : l'enfant reste inscrit",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>
    /// True for the states that hold one of the day's places: a confirmed day, and one whose
    /// cancellation is asked, sent or refused, since the child stays booked until the service
    /// accepts it.
    /// </summary>
    public static bool HoldsPlace(ReservationState state) => state is
        ReservationState.Confirmed or ReservationState.CancellationRequested
        or ReservationState.CancellationSent or ReservationState.CancellationRefused;

    /// <summary>The label of a grey cell's reason: "hors délai", "jour fermé", "hors inscription".</summary>
    public static string Label(UnavailableReason reason) => reason switch
    {
        UnavailableReason.OutOfDeadline => "hors délai",
        UnavailableReason.Closed => "jour fermé",
        UnavailableReason.OutOfRegistration => "hors inscription",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The label of the grey cell itself, "Case grisée (hors délai)".</summary>
    public static string UnavailableLabel(UnavailableReason reason) => $"Case grisée ({Label(reason)})";
}
