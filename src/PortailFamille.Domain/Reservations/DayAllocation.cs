using PortailFamille.Domain.Catalogue;

namespace PortailFamille.Domain.Reservations;

/// <summary>A cell of a unit's day as the service's decision reads it.</summary>
public sealed record DayCell(Guid Id, ReservationState State, DateTimeOffset? RequestedAt);

/// <summary>One move the service makes on a cell of the day.</summary>
public sealed record DayMove(Guid ReservationId, ReservationAction Action);

/// <summary>
/// Moves of a day that go from one state to another by one action, to be saved together (one
/// statement for the lot, however many children the day has).
/// </summary>
public sealed record DayMoveGroup(ReservationState From, ReservationAction Action, ReservationState To, RequestTimeMove RequestTime, IReadOnlyList<Guid> ReservationIds);

/// <summary>
/// What the decision of a unit's day does: the moves, in the order they are made, and the
/// places taken afterwards.
/// </summary>
public sealed record DayAllocation(IReadOnlyList<DayMove> Moves, int Taken)
{
    public int Confirmed => Count(ReservationAction.Confirm);

    public int Waitlisted => Count(ReservationAction.Waitlist);

    public int CancellationsAccepted => Count(ReservationAction.AcceptCancellation);

    public int Promoted => Count(ReservationAction.Promote);

    /// <summary>Sent requests for a day that no longer runs or has passed.</summary>
    public int Refused => Count(ReservationAction.Refuse);

    private int Count(ReservationAction action) => Moves.Count(m => m.Action == action);
}

/// <summary>
/// The service's decision of one unit's day (docs/product.md 4.2), with no I/O: from the day's cells,
/// the places taken, the capacity and the activity's mode, the moves to make.
/// </summary>
public static class DayAllocator
{
    /// <summary>
    /// Decides the day, in this order: accepts the sent cancellations (automatic mode), gives
    /// the places left to the waiting list in request order (automatic mode; in manual mode
    /// the agent decides), then confirms the sent requests in request order while places last
    /// and waitlists the rest (automatic mode). A day that no longer runs (a closure added
    /// since the requests, a day already past) takes nobody: its sent requests are refused, its
    /// waiting list waits. Cells in other states are left as they are.
    /// </summary>
    /// <param name="cells">The day's cells (any order).</param>
    /// <param name="taken">The places taken before the decision.</param>
    /// <param name="capacity">The unit's places that day.</param>
    /// <param name="mode">The activity's validation mode.</param>
    /// <param name="dayRuns">False when the activity no longer runs that day, or the day has passed.</param>
    /// <param name="waitingListOnly">Only give the places left to the waiting list (after a capacity increase).</param>
    public static DayAllocation Decide(
        IEnumerable<DayCell> cells, int taken, int capacity, ValidationMode mode, bool dayRuns = true, bool waitingListOnly = false)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var automatic = mode == ValidationMode.Automatic;
        var decideRequests = automatic && !waitingListOnly;
        var places = dayRuns ? capacity : 0;
        var inOrder = WaitingList.InOrder(cells, c => c.RequestedAt, c => c.Id).ToList();
        var moves = new List<DayMove>();

        if (decideRequests)
        {
            foreach (var cancellation in inOrder.Where(c => c.State == ReservationState.CancellationSent))
            {
                moves.Add(new DayMove(cancellation.Id, ReservationAction.AcceptCancellation));
                taken = Math.Max(0, taken - 1);
            }
        }

        if (automatic)
        {
            foreach (var waiting in inOrder.Where(c => c.State == ReservationState.Waitlisted))
            {
                if (taken >= places)
                {
                    break;
                }

                moves.Add(new DayMove(waiting.Id, ReservationAction.Promote));
                taken++;
            }
        }

        if (decideRequests)
        {
            foreach (var request in inOrder.Where(c => c.State == ReservationState.RequestSent))
            {
                if (!dayRuns)
                {
                    moves.Add(new DayMove(request.Id, ReservationAction.Refuse));
                }
                else if (taken < places)
                {
                    moves.Add(new DayMove(request.Id, ReservationAction.Confirm));
                    taken++;
                }
                else
                {
                    moves.Add(new DayMove(request.Id, ReservationAction.Waitlist));
                }
            }
        }

        return new DayAllocation(moves, taken);
    }

    /// <summary>
    /// The moves of <paramref name="allocation"/> grouped by the cell's state, the action and
    /// the state reached (in the order the groups first appear), each state reached given by
    /// the state machine.
    /// </summary>
    /// <param name="cells">The day's cells the allocation was decided from.</param>
    /// <param name="allocation">The decision.</param>
    /// <exception cref="InvalidOperationException">A move the state machine does not allow from the cell's state.</exception>
    public static IReadOnlyList<DayMoveGroup> Group(IEnumerable<DayCell> cells, DayAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(allocation);
        var states = cells.ToDictionary(c => c.Id, c => c.State);
        var groups = new List<(ReservationState From, ReservationAction Action, ReservationState To, List<Guid> Ids)>();
        foreach (var move in allocation.Moves)
        {
            var from = states[move.ReservationId];
            var next = ReservationStateMachine.Next(from, move.Action);
            if (!next.Succeeded)
            {
                throw new InvalidOperationException($"The move {move.Action} is not allowed from {from}.");
            }

            var index = groups.FindIndex(g => g.From == from && g.Action == move.Action);
            if (index < 0)
            {
                groups.Add((from, move.Action, next.Value, []));
                index = groups.Count - 1;
            }

            groups[index].Ids.Add(move.ReservationId);
        }

        return [.. groups.Select(g => new DayMoveGroup(g.From, g.Action, g.To, Reservation.RequestTimeAfter(g.Action, g.To), g.Ids))];
    }
}
