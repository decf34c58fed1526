using CsCheck;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Reservations;

namespace PortailFamille.Domain.Tests.Reservations;

/// <summary>
/// The decision of a unit's day (docs/product.md 4.2): cancellations accepted first, the freed places
/// given to the waiting list in request order, the sent requests confirmed in request order
/// while places last and waitlisted beyond, nobody taken on a day that no longer runs.
/// </summary>
public class DayAllocatorTests
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 13, 20, 0, 0, TimeSpan.Zero);

    // A cell named by a letter: its id and request time follow the letter, so "a" asked first.
    private static DayCell Cell(char name, ReservationState state) =>
        new(new Guid($"00000000-0000-0000-0000-0000000000{(int)name:x2}"), state, T0.AddMinutes(name - 'a'));

    private static char Name(DayMove move) => (char)move.ReservationId.ToByteArray()[15];

    private const ReservationState Sent = ReservationState.RequestSent;
    private const ReservationState Waiting = ReservationState.Waitlisted;
    private const ReservationState Cancelling = ReservationState.CancellationSent;

    public static TheoryData<string, string, int, int, bool, string, int> Days => new()
    {
        // cells (letter:state), mode, taken, capacity, day runs → moves, places taken after
        { "a:S b:S c:S", "auto", 0, 2, true, "a:Confirm b:Confirm c:Waitlist", 2 },
        { "a:S b:S", "auto", 2, 2, true, "a:Waitlist b:Waitlist", 2 },
        { "a:W b:W c:C", "auto", 2, 2, true, "c:AcceptCancellation a:Promote", 2 },
        { "b:W a:W d:C c:C", "auto", 2, 2, true, "c:AcceptCancellation d:AcceptCancellation a:Promote b:Promote", 2 },
        { "a:W b:S", "auto", 1, 3, true, "a:Promote b:Confirm", 3 },
        { "a:S b:W", "auto", 1, 2, true, "b:Promote a:Waitlist", 2 },
        { "a:S b:W c:C", "auto", 0, 3, false, "c:AcceptCancellation a:Refuse", 0 },
        { "a:S b:W c:C", "manual", 2, 3, true, "", 2 },
        { "a:S b:W c:C", "waiting-list", 2, 3, true, "b:Promote", 3 },
        // Capacity lowered below the places already taken: nobody more.
        { "a:S b:W", "auto", 5, 3, true, "a:Waitlist", 5 },
        { "", "auto", 0, 3, true, "", 0 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Decide_MakesTheMovesOfTheDay(string cells, string mode, int taken, int capacity, bool runs, string expected, int takenAfter)
    {
        var day = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Cell(c[0], c[2] switch { 'S' => Sent, 'W' => Waiting, _ => Cancelling }))
            .ToList();

        var allocation = DayAllocator.Decide(
            day, taken, capacity, mode == "manual" ? ValidationMode.Manual : ValidationMode.Automatic, runs, waitingListOnly: mode == "waiting-list");

        Assert.Equal(expected, string.Join(' ', allocation.Moves.Select(m => $"{Name(m)}:{m.Action}")));
        Assert.Equal(takenAfter, allocation.Taken);
    }

    private static readonly Gen<ReservationState> States = Gen.OneOf(
        Gen.Const(Sent), Gen.Const(Waiting), Gen.Const(Cancelling), Gen.Const(ReservationState.Confirmed), Gen.Const(ReservationState.Requested));

    // Request times on a few instants only, so that ties (decided by the id) happen.
    private static readonly Gen<DayCell> Cells = Gen.Select(Gen.Guid, States, Gen.Int[0, 5], (id, state, minute) => new DayCell(id, state, T0.AddMinutes(minute)));

    private static readonly Gen<(DayCell[] Cells, int Taken, int Capacity, bool Automatic, bool Runs, bool WaitingListOnly)> AnyDay =
        Gen.Select(Cells.Array[0, 12], Gen.Int[0, 8], Gen.Int[0, 8], Gen.Bool, Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))), Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))));

    private static DayAllocation Decide((DayCell[] Cells, int Taken, int Capacity, bool Automatic, bool Runs, bool WaitingListOnly) d) =>
        DayAllocator.Decide(d.Cells, d.Taken, d.Capacity, d.Automatic ? ValidationMode.Automatic : ValidationMode.Manual, d.Runs, d.WaitingListOnly);

    [Fact]
    public void Never_MorePlacesGivenThanTheCapacityLeaves()
    {
        AnyDay.Sample(d =>
        {
            var allocation = Decide(d);
            var given = allocation.Confirmed + allocation.Promoted;
            var freed = allocation.CancellationsAccepted;
            var before = Math.Max(0, d.Taken - freed);
            Assert.Equal(before + given, allocation.Taken);
            if (given > 0)
            {
                Assert.True(allocation.Taken <= d.Capacity);
                Assert.True(d.Runs);
            }
        });
    }

    [Fact]
    public void Every_Move_IsAllowedFromItsCell_AndEachCellMovesOnceAtMost()
    {
        AnyDay.Sample(d =>
        {
            var allocation = Decide(d);
            var states = d.Cells.ToDictionary(c => c.Id, c => c.State);
            Assert.Equal(allocation.Moves.Count, allocation.Moves.Select(m => m.ReservationId).Distinct().Count());
            foreach (var move in allocation.Moves)
            {
                Assert.True(ReservationStateMachine.Next(states[move.ReservationId], move.Action).Succeeded);
            }
        });
    }

    [Fact]
    public void Request_Order_IsKept_ForTheWaitingListAndTheSentRequests()
    {
        AnyDay.Sample(d =>
        {
            var allocation = Decide(d);
            var given = allocation.Moves.Where(m => m.Action is ReservationAction.Promote or ReservationAction.Confirm).Select(m => m.ReservationId).ToHashSet();
            foreach (var state in new[] { Waiting, Sent })
            {
                // The cells given a place are the first of their list, in request order.
                var inOrder = WaitingList.InOrder(d.Cells.Where(c => c.State == state), c => c.RequestedAt, c => c.Id).Select(c => c.Id).ToList();
                var placed = inOrder.TakeWhile(given.Contains).Count();
                Assert.Equal(inOrder.Count(given.Contains), placed);
                // And the moves are made in that order.
                var moved = allocation.Moves.Where(m => inOrder.Contains(m.ReservationId)).Select(m => m.ReservationId).ToList();
                Assert.Equal(inOrder.Where(moved.Contains), moved);
            }

            // The waiting list is served before the requests sent since.
            var lastPromotion = allocation.Moves.ToList().FindLastIndex(m => m.Action == ReservationAction.Promote);
            var firstConfirmation = allocation.Moves.ToList().FindIndex(m => m.Action == ReservationAction.Confirm);
            Assert.True(firstConfirmation < 0 || lastPromotion < firstConfirmation);
        });
    }

    [Fact]
    public void A_Freed_Place_GoesToPosition1_AndCancellationsAreAcceptedBeforePromotions()
    {
        AnyDay.Sample(d =>
        {
            var allocation = Decide(d);
            var moves = allocation.Moves.ToList();
            var lastAccepted = moves.FindLastIndex(m => m.Action == ReservationAction.AcceptCancellation);
            var firstPromotion = moves.FindIndex(m => m.Action == ReservationAction.Promote);
            Assert.True(firstPromotion < 0 || lastAccepted < firstPromotion);

            var waiting = WaitingList.InOrder(d.Cells.Where(c => c.State == Waiting), c => c.RequestedAt, c => c.Id).ToList();
            var left = Math.Max(0, d.Taken - allocation.CancellationsAccepted) < d.Capacity;
            if (d.Automatic && d.Runs && waiting.Count > 0 && left)
            {
                Assert.Contains(new DayMove(waiting[0].Id, ReservationAction.Promote), moves);
            }
        });
    }

    [Fact]
    public void In_Manual_Mode_TheServiceMovesNothing()
    {
        AnyDay.Sample(d => Assert.Empty(Decide(d with { Automatic = false }).Moves));
    }

    [Fact]
    public void Grouped_Moves_AreTheMovesOnce_EachGroupOneStateToAnotherByTheStateMachine()
    {
        AnyDay.Sample(d =>
        {
            var allocation = Decide(d);
            var groups = DayAllocator.Group(d.Cells, allocation);
            var states = d.Cells.ToDictionary(c => c.Id, c => c.State);

            var grouped = groups.SelectMany(g => g.ReservationIds.Select(id => new DayMove(id, g.Action))).ToHashSet();
            Assert.Equal(allocation.Moves.ToHashSet(), grouped);
            Assert.Equal(allocation.Moves.Count, groups.Sum(g => g.ReservationIds.Count));
            Assert.Equal(groups.Count, groups.Select(g => (g.From, g.Action)).Distinct().Count());
            foreach (var group in groups)
            {
                Assert.All(group.ReservationIds, id => Assert.Equal(group.From, states[id]));
                Assert.Equal(ReservationStateMachine.Next(group.From, group.Action).Value, group.To);
                Assert.Equal(Reservation.RequestTimeAfter(group.Action, group.To), group.RequestTime);
            }
        });
    }

    [Fact]
    public void Grouped_ADay_KeepsTheOrderOfItsMovesWithinEachGroup()
    {
        var day = new[] { Cell('a', Waiting), Cell('b', Sent), Cell('c', Sent), Cell('d', Cancelling), Cell('e', Sent) };
        var allocation = DayAllocator.Decide(day, taken: 2, capacity: 3, ValidationMode.Automatic);

        var groups = DayAllocator.Group(day, allocation);

        Assert.Equal(
            "CancellationSent-AcceptCancellation->Free(Clear):d Waitlisted-Promote->Confirmed(Keep):a RequestSent-Confirm->Confirmed(Keep):b RequestSent-Waitlist->Waitlisted(Keep):c,e",
            string.Join(' ', groups.Select(g => $"{g.From}-{g.Action}->{g.To}({g.RequestTime}):{string.Join(',', g.ReservationIds.Select(id => (char)id.ToByteArray()[15]))}")));
    }

    public static TheoryData<string, int, int, bool, string, string> SentAndDecided => new()
    {
        // cells (letter:state; R asked, X cancellation asked, not yet sent), taken, capacity,
        // day runs → moves, groups (stored state, then sent to, action, reached)
        { "a:R b:R c:R", 0, 2, true, "a:Send b:Send c:Send a:Confirm b:Confirm c:Waitlist", "Requested>RequestSent-Confirm->Confirmed:a,b Requested>RequestSent-Waitlist->Waitlisted:c" },
        // Sent the night before and sent tonight: one list in request order.
        { "a:S b:R c:S", 0, 2, true, "b:Send a:Confirm b:Confirm c:Waitlist", "RequestSent-Confirm->Confirmed:a Requested>RequestSent-Confirm->Confirmed:b RequestSent-Waitlist->Waitlisted:c" },
        // A cancellation asked today frees its place for the waiting list at once.
        { "a:W b:X", 2, 2, true, "b:Send b:AcceptCancellation a:Promote", "CancellationRequested>CancellationSent-AcceptCancellation->Free:b Waitlisted-Promote->Confirmed:a" },
        { "a:R b:X", 1, 3, false, "a:Send b:Send b:AcceptCancellation a:Refuse", "CancellationRequested>CancellationSent-AcceptCancellation->Free:b Requested>RequestSent-Refuse->Refused:a" },
        { "a:W", 1, 2, true, "a:Promote", "Waitlisted-Promote->Confirmed:a" },
    };

    [Theory]
    [MemberData(nameof(SentAndDecided))]
    public void Decide_WhenSending_SendsTheDaysRequestsFirst_ThenDecidesThemWithTheOthers(string cells, int taken, int capacity, bool runs, string expected, string groups)
    {
        var day = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Cell(c[0], c[2] switch
            {
                'R' => ReservationState.Requested,
                'X' => ReservationState.CancellationRequested,
                'S' => Sent,
                'W' => Waiting,
                _ => Cancelling,
            }))
            .ToList();

        var allocation = DayAllocator.Decide(day, taken, capacity, ValidationMode.Automatic, runs, sending: true);

        Assert.Equal(expected, string.Join(' ', allocation.Moves.Select(m => $"{Name(m)}:{m.Action}")));
        Assert.Equal(day.Count(c => c.State == ReservationState.Requested), allocation.RequestsSent);
        Assert.Equal(day.Count(c => c.State == ReservationState.CancellationRequested), allocation.CancellationsSent);
        Assert.Equal(
            groups,
            string.Join(' ', DayAllocator.Group(day, allocation).Select(g =>
                $"{(g.SentFrom is { } sent ? $"{sent}>" : "")}{g.From}-{g.Action}->{g.To}:{string.Join(',', g.ReservationIds.Select(id => (char)id.ToByteArray()[15]))}")));
    }

    private static readonly Gen<DayCell> CellsNotYetSent = Gen.Select(
        Gen.Guid,
        Gen.OneOf(Gen.Const(ReservationState.Requested), Gen.Const(ReservationState.CancellationRequested), Gen.Const(Sent), Gen.Const(Waiting), Gen.Const(Cancelling), Gen.Const(ReservationState.Confirmed)),
        Gen.Int[0, 5],
        (id, state, minute) => new DayCell(id, state, T0.AddMinutes(minute)));

    [Fact]
    public void Sending_AndDeciding_InOnePass_DecidesAsSendingFirst_AndGroupsEachCellOnce()
    {
        Gen.Select(CellsNotYetSent.Array[0, 12], Gen.Int[0, 8], Gen.Int[0, 8], Gen.Bool).Sample((cells, taken, capacity, runs) =>
        {
            var onePass = DayAllocator.Decide(cells, taken, capacity, ValidationMode.Automatic, runs, sending: true);
            var sentBefore = cells.Select(c => c.State is ReservationState.Requested or ReservationState.CancellationRequested
                ? c with { State = ReservationStateMachine.Next(c.State, ReservationAction.Send).Value }
                : c).ToList();
            var twoPasses = DayAllocator.Decide(sentBefore, taken, capacity, ValidationMode.Automatic, runs);

            // The same decisions as when the night sent everything first, after one send per cell not yet sent.
            Assert.Equal(twoPasses.Moves, onePass.Moves.Where(m => m.Action != ReservationAction.Send));
            Assert.Equal(twoPasses.Taken, onePass.Taken);
            var notYetSent = cells.Where(c => c.State is ReservationState.Requested or ReservationState.CancellationRequested).Select(c => c.Id).ToHashSet();
            Assert.Equal(notYetSent, onePass.Moves.Where(m => m.Action == ReservationAction.Send).Select(m => m.ReservationId).ToHashSet());
            Assert.Equal(notYetSent.Count, onePass.RequestsSent + onePass.CancellationsSent);

            // Each cell in one group, stored in the state the group moves it from.
            var groups = DayAllocator.Group(cells, onePass);
            var stored = cells.ToDictionary(c => c.Id, c => c.State);
            Assert.Equal(onePass.Moves.Select(m => m.ReservationId).ToHashSet().Count, groups.Sum(g => g.ReservationIds.Count));
            foreach (var group in groups)
            {
                Assert.All(group.ReservationIds, id => Assert.Equal(group.Stored, stored[id]));
                Assert.Equal(group.SentFrom is not null, group.ReservationIds.All(notYetSent.Contains));
                if (group.SentFrom is { } from)
                {
                    Assert.Equal(ReservationStateMachine.Next(from, ReservationAction.Send).Value, group.From);
                }

                Assert.Equal(ReservationStateMachine.Next(group.From, group.Action).Value, group.To);
            }
        });
    }

    [Fact]
    public void Sending_IsLeftToTheNight_InManualMode_AndWhenOnlyTheWaitingListIsServed()
    {
        var day = new[] { Cell('a', ReservationState.Requested), Cell('b', Waiting) };

        Assert.Empty(DayAllocator.Decide(day, 0, 2, ValidationMode.Manual, sending: true).Moves);
        Assert.Equal("b:Promote", string.Join(' ', DayAllocator.Decide(day, 0, 2, ValidationMode.Automatic, waitingListOnly: true, sending: true).Moves.Select(m => $"{Name(m)}:{m.Action}")));
    }

    [Fact]
    public void Grouped_ACellMovedTwice_OtherThanSentThenDecided_IsAnError()
    {
        var cell = Cell('a', Sent);
        var allocation = new DayAllocation([new DayMove(cell.Id, ReservationAction.Confirm), new DayMove(cell.Id, ReservationAction.AcceptCancellation)], 1);

        Assert.Throws<InvalidOperationException>(() => DayAllocator.Group([cell], allocation));
    }

    [Fact]
    public void Grouped_AMoveTheStateMachineRefuses_IsAnError()
    {
        var cell = Cell('a', ReservationState.Confirmed);
        var allocation = new DayAllocation([new DayMove(cell.Id, ReservationAction.Confirm)], 1);

        Assert.Throws<InvalidOperationException>(() => DayAllocator.Group([cell], allocation));
    }

    [Theory]
    [InlineData(ReservationAction.Request, ReservationState.Requested, RequestTimeMove.Set)]
    [InlineData(ReservationAction.RequestAgain, ReservationState.Requested, RequestTimeMove.Set)]
    [InlineData(ReservationAction.BookDirectly, ReservationState.Confirmed, RequestTimeMove.Set)]
    [InlineData(ReservationAction.WaitlistDirectly, ReservationState.Waitlisted, RequestTimeMove.Set)]
    [InlineData(ReservationAction.AcceptCancellation, ReservationState.Free, RequestTimeMove.Clear)]
    [InlineData(ReservationAction.WithdrawRequest, ReservationState.Free, RequestTimeMove.Clear)]
    [InlineData(ReservationAction.Confirm, ReservationState.Confirmed, RequestTimeMove.Keep)]
    [InlineData(ReservationAction.Waitlist, ReservationState.Waitlisted, RequestTimeMove.Keep)]
    [InlineData(ReservationAction.Promote, ReservationState.Confirmed, RequestTimeMove.Keep)]
    [InlineData(ReservationAction.Send, ReservationState.RequestSent, RequestTimeMove.Keep)]
    public void Request_Time_IsSetByAsking_ClearedWhenFree_KeptOtherwise(ReservationAction action, ReservationState to, RequestTimeMove expected)
    {
        Assert.Equal(expected, Reservation.RequestTimeAfter(action, to));
    }
}
