using System.Globalization;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Reservations;

/// <summary>
/// One cell of "Mes réservations": a child's day × unit of a validated registration, with its
/// state (docs/product.md 3.6) and the history of its moves. The waiting-list position is computed
/// from <see cref="RequestedAt"/> by the queries, not stored, so it never goes stale.
/// </summary>
public sealed class Reservation
{
    /// <summary>Origin of the moves made by a family from the portal.</summary>
    public const string PortalOrigin = "portail";

    /// <summary>Origin of the moves made by agents in the back office.</summary>
    public const string BackOfficeOrigin = "gestion";

    /// <summary>Origin of the moves made by the nightly transfer.</summary>
    public const string TransferOrigin = "transfert";

    private readonly List<ReservationChange> _history = [];

    private Reservation()
    {
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The validated registration the day belongs to.</summary>
    public Guid RegistrationId { get; private set; }

    /// <summary>The child.</summary>
    public Guid ChildId { get; private set; }

    /// <summary>The family.</summary>
    public Guid FamilyId { get; private set; }

    /// <summary>The activity.</summary>
    public Guid ActivityId { get; private set; }

    /// <summary>The activity's unit (row of the grid).</summary>
    public Guid UnitId { get; private set; }

    /// <summary>The day (column of the grid).</summary>
    public DateOnly Date { get; private set; }

    /// <summary>Where the cell stands.</summary>
    public ReservationState State { get; private set; }

    /// <summary>
    /// When the current request was made, in UTC: the service confirms and promotes in this
    /// order (docs/product.md 4.2). Set when a request is made or made again, or an agent books
    /// directly; cleared when the day becomes free again.
    /// </summary>
    public DateTimeOffset? RequestedAt { get; private set; }

    /// <summary>Every move, oldest first.</summary>
    public IReadOnlyList<ReservationChange> History => _history;

    /// <summary>A free cell for a child's day and unit of a validated registration.</summary>
    public static Reservation Start(Guid registrationId, Guid childId, Guid familyId, Guid activityId, Guid unitId, DateOnly date) =>
        new()
        {
            Id = Guid.NewGuid(),
            RegistrationId = registrationId,
            ChildId = childId,
            FamilyId = familyId,
            ActivityId = activityId,
            UnitId = unitId,
            Date = date,
            State = ReservationState.Free,
        };

    /// <summary>
    /// What a move does to <see cref="RequestedAt"/>: the moves that ask (or book) set it, a
    /// move back to a free cell clears it, every other move keeps it, so that the waiting list
    /// keeps its order through the service's decisions.
    /// </summary>
    public static RequestTimeMove RequestTimeAfter(ReservationAction action, ReservationState to) =>
        action is ReservationAction.Request or ReservationAction.RequestAgain or ReservationAction.BookDirectly or ReservationAction.WaitlistDirectly
            ? RequestTimeMove.Set
            : to == ReservationState.Free ? RequestTimeMove.Clear : RequestTimeMove.Keep;

    /// <summary>
    /// Makes a move. Refused when the state machine does not allow it from the current state,
    /// or, for a family's request or cancellation (see
    /// <see cref="ReservationStateMachine.NeedsDeadline"/>), when the booking deadline has
    /// passed. On success the state changes and the move is added to the history.
    /// </summary>
    /// <param name="action">The move.</param>
    /// <param name="parisNow">Europe/Paris wall-clock time, of kind Unspecified, for the deadline.</param>
    /// <param name="now">The same moment in UTC, for the history and the request order.</param>
    /// <param name="deadline">The activity's deadline for this move (requests or cancellations).</param>
    /// <param name="calendar">The commune's working days.</param>
    /// <param name="by">Who makes the move (an account, an agent, "transfert").</param>
    /// <param name="origin">Where from: <see cref="PortalOrigin"/>, <see cref="BackOfficeOrigin"/>, <see cref="TransferOrigin"/>.</param>
    public Outcome<Reservation> Apply(
        ReservationAction action,
        DateTime parisNow,
        DateTimeOffset now,
        BookingDeadline deadline,
        WorkingDayCalendar calendar,
        string by,
        string origin)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);

        var next = ReservationStateMachine.Next(State, action);
        if (!next.Succeeded)
        {
            return Outcome<Reservation>.Refused(next.Refusals);
        }

        // Only the family's moves are bound by the deadline: the transfer and the service act
        // after it by design, and an agent booking directly is the commune's own decision.
        if (ReservationStateMachine.IsFamilyAction(action)
            && ReservationStateMachine.NeedsDeadline(action)
            && !deadline.Allows(parisNow, Date, calendar))
        {
            // Worded like the cell's "modifiable jusqu'au … à 23:59": the closing day and the
            // cut-off, the first moment at which changes are refused.
            var closingDay = deadline.ClosingDay(Date, calendar);
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"Hors délai : les demandes pour le {Date:dd/MM/yyyy} se faisaient jusqu'au {closingDay:dd/MM/yyyy} à {deadline.CutOff.Hour:00}:{deadline.CutOff.Minute:00}.");
            return Outcome<Reservation>.Refused([new Refusal("", message)]);
        }

        var from = State;
        State = next.Value;
        RequestedAt = RequestTimeAfter(action, State) switch
        {
            RequestTimeMove.Set => now,
            RequestTimeMove.Clear => null,
            _ => RequestedAt,
        };

        _history.Add(new ReservationChange(now, from, State, action, by, origin));
        return Outcome<Reservation>.Success(this);
    }
}

/// <summary>What a move does to the time of the request, see <see cref="Reservation.RequestTimeAfter"/>.</summary>
public enum RequestTimeMove
{
    /// <summary>Left as it is.</summary>
    Keep,

    /// <summary>Set to the move's instant.</summary>
    Set,

    /// <summary>Cleared: the cell is free again.</summary>
    Clear,
}
