using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Reservations;

/// <summary>
/// The allowed moves of a reservation cell (the "What can happen next" column of docs/product.md 3.6, plus the
/// agent's direct booking), and what a family's click does in each state.
/// </summary>
public static class ReservationStateMachine
{
    /// <summary>
    /// The state reached by <paramref name="action"/> from <paramref name="state"/>, or a French
    /// refusal (field "") saying why the move is not possible.
    /// </summary>
    public static Outcome<ReservationState> Next(ReservationState state, ReservationAction action)
    {
        ReservationState? next = (state, action) switch
        {
            (ReservationState.Free, ReservationAction.Request) => ReservationState.Requested,
            (ReservationState.Free, ReservationAction.BookDirectly) => ReservationState.Confirmed,
            // An agent turning a semaine type into reservations on a full day: straight to the waiting list.
            (ReservationState.Free, ReservationAction.WaitlistDirectly) => ReservationState.Waitlisted,
            (ReservationState.Requested, ReservationAction.WithdrawRequest) => ReservationState.Free,
            (ReservationState.Requested, ReservationAction.Send) => ReservationState.RequestSent,
            (ReservationState.RequestSent, ReservationAction.Confirm) => ReservationState.Confirmed,
            (ReservationState.RequestSent, ReservationAction.Waitlist) => ReservationState.Waitlisted,
            (ReservationState.RequestSent, ReservationAction.Refuse) => ReservationState.Refused,
            (ReservationState.Confirmed, ReservationAction.RequestCancellation) => ReservationState.CancellationRequested,
            (ReservationState.Waitlisted, ReservationAction.Promote) => ReservationState.Confirmed,
            (ReservationState.Waitlisted, ReservationAction.WithdrawRequest) => ReservationState.Free,
            (ReservationState.Refused, ReservationAction.RequestAgain) => ReservationState.Requested,
            // An agent may still book a day the service refused (a place found since).
            (ReservationState.Refused, ReservationAction.BookDirectly) => ReservationState.Confirmed,
            (ReservationState.CancellationRequested, ReservationAction.WithdrawCancellation) => ReservationState.Confirmed,
            (ReservationState.CancellationRequested, ReservationAction.Send) => ReservationState.CancellationSent,
            (ReservationState.CancellationSent, ReservationAction.AcceptCancellation) => ReservationState.Free,
            (ReservationState.CancellationSent, ReservationAction.RefuseCancellation) => ReservationState.CancellationRefused,
            (ReservationState.CancellationRefused, ReservationAction.RequestCancellation) => ReservationState.CancellationRequested,
            _ => null,
        };

        return next is { } reached
            ? Outcome<ReservationState>.Success(reached)
            : Outcome<ReservationState>.Refused([new Refusal("", Why(state, action))]);
    }

    /// <summary>
    /// The one move a family's click (or Enter / Space) performs on a cell in
    /// <paramref name="state"/>; null while the service has the last word (a request or a
    /// cancellation already sent).
    /// </summary>
    public static ReservationAction? FamilyClickAction(ReservationState state) => state switch
    {
        ReservationState.Free => ReservationAction.Request,
        ReservationState.Requested => ReservationAction.WithdrawRequest,
        ReservationState.Confirmed => ReservationAction.RequestCancellation,
        ReservationState.Waitlisted => ReservationAction.WithdrawRequest,
        ReservationState.Refused => ReservationAction.RequestAgain,
        ReservationState.CancellationRequested => ReservationAction.WithdrawCancellation,
        ReservationState.CancellationRefused => ReservationAction.RequestCancellation,
        ReservationState.RequestSent or ReservationState.CancellationSent => null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>True for the moves a family makes from the portal.</summary>
    public static bool IsFamilyAction(ReservationAction action) => action is
        ReservationAction.Request or ReservationAction.WithdrawRequest or ReservationAction.RequestCancellation
        or ReservationAction.WithdrawCancellation or ReservationAction.RequestAgain;

    /// <summary>
    /// True for the moves subject to the booking deadline (docs/product.md 4.1): a family's request,
    /// request made again, or cancellation request.
    /// </summary>
    /// <remarks>
    /// Withdrawals are not checked. Withdrawing a request or a cancellation request not yet
    /// sent only undoes something the service has never seen, so its planning does not change;
    /// leaving the waiting list holds no place either, and stops a child who will not come
    /// from being promoted. Refusing them after the deadline would only force a family to
    /// keep a request it no longer wants. The transfer and the service's decisions are never
    /// checked: they happen after the deadline by design ("J+2").
    /// </remarks>
    public static bool NeedsDeadline(ReservationAction action) => action is
        ReservationAction.Request or ReservationAction.RequestAgain or ReservationAction.RequestCancellation;

    // The reason shown when a move is not allowed: the few cases a family can actually meet
    // (a stale page, a double click) get a specific sentence, the others name the state.
    private static string Why(ReservationState state, ReservationAction action) => (state, action) switch
    {
        (ReservationState.RequestSent, ReservationAction.WithdrawRequest) =>
            "Cette demande a déjà été envoyée au service : elle ne peut plus être retirée.",
        (ReservationState.CancellationSent, ReservationAction.WithdrawCancellation) =>
            "Cette demande d'annulation a déjà été envoyée au service : elle ne peut plus être retirée.",
        (ReservationState.Requested or ReservationState.RequestSent or ReservationState.Waitlisted, ReservationAction.Request or ReservationAction.RequestAgain) =>
            "Une demande de réservation est déjà en cours pour ce jour.",
        (ReservationState.Confirmed or ReservationState.CancellationRequested or ReservationState.CancellationSent or ReservationState.CancellationRefused, ReservationAction.Request or ReservationAction.RequestAgain or ReservationAction.BookDirectly) =>
            "Ce jour est déjà réservé.",
        (ReservationState.CancellationRequested or ReservationState.CancellationSent, ReservationAction.RequestCancellation) =>
            "Une demande d'annulation est déjà en cours pour ce jour.",
        (_, ReservationAction.RequestCancellation) =>
            "Seule une réservation validée peut être annulée.",
        (_, ReservationAction.Send) =>
            "Seule une demande non encore envoyée peut être transmise au service.",
        (_, ReservationAction.Confirm or ReservationAction.Refuse) =>
            "Seule une demande de réservation envoyée peut être validée ou refusée.",
        (_, ReservationAction.WaitlistDirectly) =>
            "Seul un jour libre peut être mis directement en liste d'attente.",
        (_, ReservationAction.Waitlist) =>
            "Seule une demande de réservation envoyée peut être validée, mise en liste d'attente ou refusée.",
        (_, ReservationAction.AcceptCancellation or ReservationAction.RefuseCancellation) =>
            "Seule une demande d'annulation envoyée peut être acceptée ou refusée.",
        (_, ReservationAction.Promote) =>
            "Seule une demande en liste d'attente peut recevoir une place libérée.",
        _ => $"Cette action n'est pas possible pour une case à l'état « {ReservationStates.Label(state)} ».",
    };
}
