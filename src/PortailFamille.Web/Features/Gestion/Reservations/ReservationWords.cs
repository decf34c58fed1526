using System.Security.Claims;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Reservations;

namespace PortailFamille.Web.Features.Gestion.Reservations;

/// <summary>How the back office writes who moved a reservation, and from where.</summary>
public static class ReservationWords
{
    /// <summary>
    /// The agent as the reservation's history and the transfer runs record them: the account's
    /// email, which stays meaningful once the agent's name changes or the account is closed.
    /// </summary>
    public static string Agent(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "agent";
    }

    /// <summary>"Portail Famille", "Gestion", "Transfert de nuit".</summary>
    public static string Origin(string origin) => origin switch
    {
        Reservation.PortalOrigin => "Portail Famille",
        Reservation.BackOfficeOrigin => "Gestion",
        Reservation.TransferOrigin => "Transfert",
        _ => origin,
    };

    /// <summary>Who started a transfer run, in words.</summary>
    public static string StartedBy(string startedBy) =>
        startedBy == TransferRun.Scheduler ? "Planificateur (automatique)" : startedBy;

    /// <summary>The name of a move, as agents read it in a cell's history.</summary>
    public static string Action(ReservationAction action) => action switch
    {
        ReservationAction.Request => "Demande de réservation",
        ReservationAction.WithdrawRequest => "Demande retirée",
        ReservationAction.RequestCancellation => "Demande d'annulation",
        ReservationAction.WithdrawCancellation => "Demande d'annulation retirée",
        ReservationAction.RequestAgain => "Nouvelle demande",
        ReservationAction.Send => "Envoi au service",
        ReservationAction.Confirm => "Validée",
        ReservationAction.Waitlist => "Mise en liste d'attente",
        ReservationAction.Refuse => "Refusée",
        ReservationAction.AcceptCancellation => "Annulation acceptée",
        ReservationAction.RefuseCancellation => "Annulation refusée",
        ReservationAction.Promote => "Place libérée attribuée",
        ReservationAction.BookDirectly => "Réservation directe",
        ReservationAction.WaitlistDirectly => "Mise directe en liste d'attente",
        _ => action.ToString(),
    };

    /// <summary>Who made a move: the automatic decision and the transfer read as such.</summary>
    public static string By(string by) => by == NightlyTransfer.AutomaticDecider ? "Décision automatique" : StartedBy(by);
}
