namespace PortailFamille.Domain.Reservations;

/// <summary>Every move of a reservation cell (docs/product.md 3.6 and 4.2), by who makes it.</summary>
public enum ReservationAction
{
    /// <summary>Family: asks for a free day.</summary>
    Request,

    /// <summary>Family: withdraws a request not yet sent, or leaves the waiting list.</summary>
    WithdrawRequest,

    /// <summary>Family: asks to cancel a confirmed day (or again, after a refusal).</summary>
    RequestCancellation,

    /// <summary>Family: withdraws a cancellation request not yet sent.</summary>
    WithdrawCancellation,

    /// <summary>Family: asks again for a day the service refused.</summary>
    RequestAgain,

    /// <summary>Nightly transfer: sends a request or a cancellation request to the service.</summary>
    Send,

    /// <summary>Service: confirms a sent request.</summary>
    Confirm,

    /// <summary>Service: puts a sent request on the waiting list.</summary>
    Waitlist,

    /// <summary>Service: refuses a sent request.</summary>
    Refuse,

    /// <summary>Service: accepts a sent cancellation; the day becomes free.</summary>
    AcceptCancellation,

    /// <summary>Service: refuses a sent cancellation; the child stays booked.</summary>
    RefuseCancellation,

    /// <summary>Service: gives a freed place to a waitlisted request.</summary>
    Promote,

    /// <summary>Agent: books a free day directly, without a request.</summary>
    BookDirectly,

    /// <summary>
    /// Agent: puts a free day straight on the waiting list, when a semaine type turned into
    /// reservations meets a full day. Distinct from <see cref="Waitlist"/>, which only answers a
    /// sent request, so that a stale decision can never put back a family that left the list.
    /// </summary>
    WaitlistDirectly,
}
