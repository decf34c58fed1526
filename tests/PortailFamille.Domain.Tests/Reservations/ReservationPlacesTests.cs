using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Domain.Tests.Catalogue;

namespace PortailFamille.Domain.Tests.Reservations;

/// <summary>
/// What the place ledger and the waiting list rely on: which states hold a place, which moves
/// take or give one back, when the request order is set, and the semaine type's cells.
/// </summary>
public class ReservationPlacesTests
{
    private static readonly WorkingDayCalendar Calendar = new(false, []);
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateTime WednesdayNoon = new(2026, 11, 18, 12, 0, 0);
    private static readonly DateTime LongAfter = new(2026, 12, 1, 9, 0, 0);
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ReservationState.Free, false)]
    [InlineData(ReservationState.Requested, false)]
    [InlineData(ReservationState.RequestSent, false)]
    [InlineData(ReservationState.Confirmed, true)]
    [InlineData(ReservationState.Waitlisted, false)]
    [InlineData(ReservationState.Refused, false)]
    [InlineData(ReservationState.CancellationRequested, true)]
    [InlineData(ReservationState.CancellationSent, true)]
    [InlineData(ReservationState.CancellationRefused, true)]
    public void HoldsPlace_IsTrueFromConfirmationUntilTheCancellationIsAccepted(ReservationState state, bool holds)
    {
        Assert.Equal(holds, ReservationStates.HoldsPlace(state));
    }

    public static TheoryData<ReservationState, ReservationAction> EveryAllowedMove()
    {
        var data = new TheoryData<ReservationState, ReservationAction>();
        foreach (var state in Enum.GetValues<ReservationState>())
        {
            foreach (var action in Enum.GetValues<ReservationAction>().Where(a => ReservationStateMachine.Next(state, a).Succeeded))
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    /// <summary>
    /// The ledger takes a place exactly on Confirm, Promote and BookDirectly and gives one back
    /// exactly on AcceptCancellation: every other move must leave the places held unchanged.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryAllowedMove))]
    public void OnlyConfirmPromoteAndBookDirectly_TakeAPlace_AndOnlyAnAcceptedCancellationGivesOneBack(ReservationState state, ReservationAction action)
    {
        var next = ReservationStateMachine.Next(state, action).Value;

        var change = (ReservationStates.HoldsPlace(next) ? 1 : 0) - (ReservationStates.HoldsPlace(state) ? 1 : 0);

        var expected = action switch
        {
            ReservationAction.Confirm or ReservationAction.Promote or ReservationAction.BookDirectly => 1,
            ReservationAction.AcceptCancellation => -1,
            _ => 0,
        };
        Assert.Equal(expected, change);
    }

    [Fact]
    public void WaitlistDirectly_FromAFreeCell_IsTheAgentsSemaineTypeOnAFullDay_AndSetsTheRequestOrder()
    {
        var cell = Cell();

        // Long after the day's deadline: the service's moves are never bound by it.
        var outcome = cell.Apply(ReservationAction.WaitlistDirectly, LongAfter, T0, BookingDeadline.Default, Calendar, "agent", Reservation.BackOfficeOrigin);

        Assert.True(outcome.Succeeded);
        Assert.Equal(ReservationState.Waitlisted, cell.State);
        Assert.Equal(T0, cell.RequestedAt);
        Assert.Equal(new ReservationChange(T0, ReservationState.Free, ReservationState.Waitlisted, ReservationAction.WaitlistDirectly, "agent", "gestion"), Assert.Single(cell.History));
    }

    [Fact]
    public void Waitlist_OfASentRequest_KeepsTheTimeOfTheRequest()
    {
        var cell = Cell();
        Move(cell, ReservationAction.Request, T0);
        Move(cell, ReservationAction.Send, T0.AddHours(8));

        Move(cell, ReservationAction.Waitlist, T0.AddDays(1));

        // The waiting list is in request order, not in the order the agent decided.
        Assert.Equal(T0, cell.RequestedAt);
    }

    [Fact]
    public void RequestedAt_FollowsTheCurrentRequest_ThroughAWholeLife()
    {
        var cell = Cell();
        Assert.Null(cell.RequestedAt);

        Move(cell, ReservationAction.Request, T0);
        Assert.Equal(T0, cell.RequestedAt);
        Move(cell, ReservationAction.Send, T0.AddHours(1));
        Move(cell, ReservationAction.Refuse, T0.AddHours(2));
        Assert.Equal(T0, cell.RequestedAt);

        // Asked again: a new place in the order.
        Move(cell, ReservationAction.RequestAgain, T0.AddHours(3));
        Assert.Equal(T0.AddHours(3), cell.RequestedAt);
        Move(cell, ReservationAction.Send, T0.AddHours(4));
        Move(cell, ReservationAction.Waitlist, T0.AddHours(5));
        Move(cell, ReservationAction.Promote, T0.AddHours(6));
        Assert.Equal(T0.AddHours(3), cell.RequestedAt);
        Move(cell, ReservationAction.RequestCancellation, T0.AddHours(7));
        Move(cell, ReservationAction.Send, T0.AddHours(8));
        Assert.Equal(T0.AddHours(3), cell.RequestedAt);

        // Free again: no request any more.
        Move(cell, ReservationAction.AcceptCancellation, T0.AddHours(9));
        Assert.Null(cell.RequestedAt);

        Move(cell, ReservationAction.BookDirectly, T0.AddHours(10));
        Assert.Equal(T0.AddHours(10), cell.RequestedAt);
    }

    [Fact]
    public void LeavingTheWaitingList_ClearsTheRequestTime()
    {
        var cell = Cell();
        Move(cell, ReservationAction.WaitlistDirectly, T0);

        Move(cell, ReservationAction.WithdrawRequest, T0.AddHours(1));

        Assert.Equal(ReservationState.Free, cell.State);
        Assert.Null(cell.RequestedAt);
    }

    [Fact]
    public void SemaineType_On_GivesTheTickedUnitsOfEachOpenDay_InDateOrder()
    {
        var activity = DemoCatalogue.WednesdayCentre();
        var (matin, repas, apresMidi) = (activity.Units[0].Id, activity.Units[1].Id, activity.Units[2].Id);
        var pattern = WeeklyPattern.Create([(DayOfWeek.Wednesday, repas), (DayOfWeek.Wednesday, matin)], activity).Value;
        // Wednesday 11/11 is the Armistice: the caller's open days leave it out.
        DateOnly[] openDays = [new(2026, 11, 4), new(2026, 11, 6), new(2026, 11, 18)];

        var cells = pattern.On(openDays).ToList();

        var units = pattern.UnitsOn(DayOfWeek.Wednesday).ToList();
        Assert.Equal(new[] { matin, repas }.Order(), units.Order());
        Assert.Equal(
            [(openDays[0], units[0]), (openDays[0], units[1]), (openDays[2], units[0]), (openDays[2], units[1])],
            cells);
        Assert.DoesNotContain(cells, c => c.UnitId == apresMidi);
    }

    [Fact]
    public void SemaineType_On_IsEmptyForAnEmptyPatternOrNoOpenDay()
    {
        var activity = DemoCatalogue.WednesdayCentre();
        var pattern = WeeklyPattern.Create([(DayOfWeek.Wednesday, activity.Units[0].Id)], activity).Value;

        Assert.Empty(WeeklyPattern.Empty.On([new DateOnly(2026, 11, 4)]));
        Assert.Empty(pattern.On(Array.Empty<DateOnly>()));
    }

    private static Reservation Cell() =>
        Reservation.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Friday);

    private static void Move(Reservation cell, ReservationAction action, DateTimeOffset now) =>
        Assert.True(cell.Apply(action, WednesdayNoon, now, BookingDeadline.Default, Calendar, "quelqu'un", Reservation.PortalOrigin).Succeeded, action.ToString());
}
