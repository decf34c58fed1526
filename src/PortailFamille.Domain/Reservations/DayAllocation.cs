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
public sealed record DayMoveGroup(ReservationState From, ReservationAction Action, ReservationState To, RequestTimeMove RequestTime, IReadOnlyList<Guid> ReservationIds)
{
    /// <summary>
    /// When the night sends and decides the cells in one pass: the state the cells are still
    /// in, from which they are sent (to <see cref="From"/>) just before the group's move.
    /// </summary>
    public ReservationState? SentFrom { get; init; }

    /// <summary>The state the cells are stored in before the group's moves.</summary>
    public ReservationState Stored => SentFrom ?? From;
}

/// <summary>
/// What the decision of a unit's day does: the moves, in the order they are made, and the
/// places taken afterwards.
/// </summary>
public sealed record DayAllocation(IReadOnlyList<DayMove> Moves, int Taken)
{
    /// <summary>Requests sent to the service by this decision (see <see cref="DayAllocator.Decide"/>).</summary>
    public int RequestsSent { get; init; }

    /// <summary>Cancellations sent to the service by this decision.</summary>
    public int CancellationsSent { get; init; }

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
    /// <param name="sending">
    /// The night sends and decides in one pass (automatic mode): the requests and cancellations
    /// not yet sent are sent first, each by its own move, then decided with the others.
    /// </param>
    public static DayAllocation Decide(
        IEnumerable<DayCell> cells, int taken, int capacity, ValidationMode mode, bool dayRuns = true, bool waitingListOnly = false, bool sending = false)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var automatic = mode == ValidationMode.Automatic;
        var decideRequests = automatic && !waitingListOnly;
        var places = dayRuns ? capacity : 0;
        var inOrder = WaitingList.InOrder(cells, c => c.RequestedAt, c => c.Id).ToList();
        var moves = new List<DayMove>();
        var (requestsSent, cancellationsSent) = (0, 0);
        if (decideRequests && sending)
        {
            for (var i = 0; i < inOrder.Count; i++)
            {
                if (inOrder[i].State is ReservationState.Requested or ReservationState.CancellationRequested)
                {
                    moves.Add(new DayMove(inOrder[i].Id, ReservationAction.Send));
                    (requestsSent, cancellationsSent) = inOrder[i].State == ReservationState.Requested
                        ? (requestsSent + 1, cancellationsSent)
                        : (requestsSent, cancellationsSent + 1);
                    inOrder[i] = inOrder[i] with { State = ReservationStateMachine.Next(inOrder[i].State, ReservationAction.Send).Value };
                }
            }
        }

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

        return new DayAllocation(moves, taken) { RequestsSent = requestsSent, CancellationsSent = cancellationsSent };
    }

    /// <summary>
    /// The moves of <paramref name="allocation"/> grouped by the cell's state, the action and
    /// the state reached (in the order of the cells' last moves), each state reached given by
    /// the state machine. A cell sent and decided in one pass (a send, then one move) is grouped
    /// by its decision, with the state it was sent from (<see cref="DayMoveGroup.SentFrom"/>).
    /// </summary>
    /// <param name="cells">The day's cells the allocation was decided from.</param>
    /// <param name="allocation">The decision.</param>
    /// <exception cref="InvalidOperationException">A move the state machine does not allow from the cell's state, or a cell moved twice other than sent then decided.</exception>
    public static IReadOnlyList<DayMoveGroup> Group(IEnumerable<DayCell> cells, DayAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(allocation);
        var stored = cells.ToDictionary(c => c.Id, c => c.State);
        // Each cell's moves, in order: one, or a send then one.
        var paths = new Dictionary<Guid, List<(ReservationState From, ReservationAction Action, ReservationState To)>>();
        foreach (var move in allocation.Moves)
        {
            if (!paths.TryGetValue(move.ReservationId, out var path))
            {
                path = [];
                paths[move.ReservationId] = path;
            }

            var from = path.Count == 0 ? stored[move.ReservationId] : path[^1].To;
            if (path.Count == 2 || (path.Count == 1 && path[0].Action != ReservationAction.Send))
            {
                throw new InvalidOperationException($"The cell {move.ReservationId} is moved again ({move.Action}) after {path[^1].Action}.");
            }

            var next = ReservationStateMachine.Next(from, move.Action);
            if (!next.Succeeded)
            {
                throw new InvalidOperationException($"The move {move.Action} is not allowed from {from}.");
            }

            path.Add((from, move.Action, next.Value));
        }

        var groups = new List<(ReservationState? SentFrom, ReservationState From, ReservationAction Action, ReservationState To, List<Guid> Ids)>();
        // Grouped in the order of the cells' last moves: the decisions' order, sends or not.
        var seen = new Dictionary<Guid, int>();
        foreach (var move in allocation.Moves)
        {
            var id = move.ReservationId;
            var path = paths[id];
            seen[id] = seen.GetValueOrDefault(id) + 1;
            if (seen[id] < path.Count)
            {
                continue;
            }

            var (sentFrom, last) = path.Count == 2 ? ((ReservationState?)path[0].From, path[1]) : (null, path[0]);
            var index = groups.FindIndex(g => g.SentFrom == sentFrom && g.From == last.From && g.Action == last.Action);
            if (index < 0)
            {
                groups.Add((sentFrom, last.From, last.Action, last.To, []));
                index = groups.Count - 1;
            }

            groups[index].Ids.Add(id);
        }

        return [.. groups.Select(g => new DayMoveGroup(g.From, g.Action, g.To, RequestTime(g.SentFrom, g.From, g.Action, g.To), g.Ids) { SentFrom = g.SentFrom })];
    }

    // A send keeps the request's time; a cell sent then decided takes what its decision does.
    private static RequestTimeMove RequestTime(ReservationState? sentFrom, ReservationState from, ReservationAction action, ReservationState to)
    {
        var decision = Reservation.RequestTimeAfter(action, to);
        return sentFrom is null || decision != RequestTimeMove.Keep ? decision : Reservation.RequestTimeAfter(ReservationAction.Send, from);
    }
}
