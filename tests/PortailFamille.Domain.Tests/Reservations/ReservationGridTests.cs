using CsCheck;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Reservations;
using PortailFamille.Domain.Tests.Calendar;
using PortailFamille.Domain.Tests.Catalogue;

namespace PortailFamille.Domain.Tests.Reservations;

/// <summary>
/// The month grid of "Mes réservations" (docs/product.md 3.6, 4.1) in November 2026: the périscolaire
/// runs Monday to Friday in school time, Wednesday 11/11 is the Armistice.
/// </summary>
public class ReservationGridTests
{
    private static readonly WorkingDayCalendar Calendar = DemoCatalogue.Communal;
    private static readonly GridUnit Matin = new(Guid.NewGuid(), "Matin");
    private static readonly GridUnit Soir = new(Guid.NewGuid(), "Soir");
    private static readonly GridUnit[] Units = [Matin, Soir];

    // The registration covers the whole school year.
    private static readonly DateRange Registration = new(new DateOnly(2026, 9, 1), new DateOnly(2027, 7, 3));
    private static readonly DateOnly November = new(2026, 11, 1);

    // An ordinary Friday: with 3 working days, Wednesday 18/11 is the last day (Wed, Thu, Fri).
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateTime WednesdayAt2358 = new(2026, 11, 18, 23, 58, 0);
    private static readonly DateTime ThursdayAtMidnight = new(2026, 11, 19, 0, 0, 0);

    private static readonly Dictionary<(DateOnly, Guid), int> NoPositions = [];

    private static bool Runs(DateOnly day) => DemoCatalogue.AfterSchool().IsOpenOn(day, DemoCatalogue.Holidays, Calendar);

    private static MonthGrid Build(
        DateTime parisNow,
        Dictionary<(DateOnly, Guid), ReservationState>? states = null,
        Dictionary<(DateOnly, Guid), int>? positions = null,
        DateOnly? month = null,
        DateRange? registration = null) =>
        ReservationGrid.Build(
            month ?? November,
            registration ?? Registration,
            Units,
            Runs,
            BookingDeadline.Default,
            Calendar,
            parisNow,
            states ?? [],
            positions ?? NoPositions);

    private static GridCell Cell(MonthGrid grid, DateOnly day, GridUnit unit) =>
        grid.Rows.Single(r => r.UnitId == unit.Id).Cells.Single(c => c.Date == day);

    private static GridDay Day(MonthGrid grid, DateOnly day) => grid.Days.Single(d => d.Date == day);

    [Fact]
    public void Build_HasEveryDayOfTheMonth_WithItsWeekdayLetter_AndOneRowPerUnitInOrder()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0));

        Assert.Equal(November, grid.Month);
        Assert.Equal(30, grid.Days.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(d => new DateOnly(2026, 11, d)), grid.Days.Select(d => d.Date));
        // Sunday 01/11/2026, then Monday 02/11.
        Assert.Equal("DLMMJVSDLMMJVSDLMMJVSDLMMJVSDL", string.Concat(grid.Days.Select(d => d.Letter)));
        Assert.Equal([Matin.Id, Soir.Id], grid.Rows.Select(r => r.UnitId));
        Assert.Equal(["Matin", "Soir"], grid.Rows.Select(r => r.Name));
        Assert.All(grid.Rows, row =>
        {
            Assert.Equal(grid.Days.Select(d => d.Date), row.Cells.Select(c => c.Date));
            Assert.All(row.Cells, c => Assert.Equal(row.UnitId, c.UnitId));
        });
    }

    [Fact]
    public void Build_WithoutStoredReservation_ShowsFreeCells()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0));

        var cell = Cell(grid, Friday, Matin);
        Assert.Equal(ReservationState.Free, cell.State);
        Assert.Equal("Case libre", cell.Label);
        Assert.Equal(ReservationAction.Request, cell.Action);
        Assert.Null(cell.Unavailable);
        Assert.False(cell.IsGrey);
        Assert.Null(cell.WaitlistPosition);
    }

    [Fact]
    public void Deadline_ForAnOrdinaryFriday_IsWednesday()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0));

        Assert.Equal("modifiable jusqu'au mer. 18/11 à 23:59", Day(grid, Friday).Deadline);
    }

    [Fact]
    public void Deadline_ForFriday13November2026_IsTuesday10_BecauseThe11thIsAPublicHoliday()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0));

        Assert.Equal("modifiable jusqu'au mar. 10/11 à 23:59", Day(grid, new DateOnly(2026, 11, 13)).Deadline);
    }

    [Fact]
    public void FreeFridayCell_OnWednesdayAt2358_IsActionable()
    {
        var grid = Build(WednesdayAt2358);

        var day = Day(grid, Friday);
        Assert.True(day.IsOpen);
        Assert.True(day.Changeable);
        var cell = Cell(grid, Friday, Matin);
        Assert.Null(cell.Unavailable);
        Assert.False(cell.IsGrey);
        Assert.Equal(ReservationAction.Request, cell.Action);
    }

    [Fact]
    public void FreeFridayCell_OnThursdayAtMidnight_IsGreyHorsDelai_WithoutAction()
    {
        var grid = Build(ThursdayAtMidnight);

        var day = Day(grid, Friday);
        Assert.True(day.IsOpen);
        Assert.False(day.Changeable);
        // The open day still says until when it could be changed.
        Assert.Equal("modifiable jusqu'au mer. 18/11 à 23:59", day.Deadline);
        var cell = Cell(grid, Friday, Matin);
        Assert.Equal(UnavailableReason.OutOfDeadline, cell.Unavailable);
        Assert.True(cell.IsGrey);
        Assert.Equal("Case grisée (hors délai)", cell.Label);
        Assert.Null(cell.Action);
    }

    [Fact]
    public void ConfirmedFridayCell_OnThursdayAtMidnight_KeepsItsColourAndLabel_WithoutAction()
    {
        var grid = Build(ThursdayAtMidnight, new() { [(Friday, Matin.Id)] = ReservationState.Confirmed });

        var cell = Cell(grid, Friday, Matin);
        Assert.Equal(ReservationState.Confirmed, cell.State);
        Assert.Equal(UnavailableReason.OutOfDeadline, cell.Unavailable);
        Assert.False(cell.IsGrey);
        Assert.Equal("Réservation validée", cell.Label);
        Assert.Null(cell.Action);
    }

    [Fact]
    public void RequestedFridayCell_OnThursdayAtMidnight_CanStillBeWithdrawn()
    {
        var grid = Build(ThursdayAtMidnight, new() { [(Friday, Matin.Id)] = ReservationState.Requested });

        var cell = Cell(grid, Friday, Matin);
        Assert.False(cell.IsGrey);
        Assert.Equal("Demande de réservation (non encore envoyée)", cell.Label);
        Assert.Equal(ReservationAction.WithdrawRequest, cell.Action);
    }

    [Theory]
    [InlineData(ReservationState.Free, null)]
    [InlineData(ReservationState.Requested, ReservationAction.WithdrawRequest)]
    [InlineData(ReservationState.RequestSent, null)]
    [InlineData(ReservationState.Confirmed, null)]
    [InlineData(ReservationState.Waitlisted, ReservationAction.WithdrawRequest)]
    [InlineData(ReservationState.Refused, null)]
    [InlineData(ReservationState.CancellationRequested, ReservationAction.WithdrawCancellation)]
    [InlineData(ReservationState.CancellationSent, null)]
    [InlineData(ReservationState.CancellationRefused, null)]
    public void AfterTheDeadline_OnlyWithdrawalsStayPossible(ReservationState state, ReservationAction? expected)
    {
        var grid = Build(ThursdayAtMidnight, new() { [(Friday, Soir.Id)] = state });

        var cell = Cell(grid, Friday, Soir);
        Assert.Equal(expected, cell.Action);
        Assert.Equal(state == ReservationState.Free, cell.IsGrey);
    }

    [Theory]
    [InlineData(ReservationState.Free, ReservationAction.Request)]
    [InlineData(ReservationState.Confirmed, ReservationAction.RequestCancellation)]
    [InlineData(ReservationState.Refused, ReservationAction.RequestAgain)]
    [InlineData(ReservationState.CancellationRefused, ReservationAction.RequestCancellation)]
    [InlineData(ReservationState.RequestSent, null)]
    [InlineData(ReservationState.CancellationSent, null)]
    public void BeforeTheDeadline_TheClickIsTheStatesFamilyMove(ReservationState state, ReservationAction? expected)
    {
        var grid = Build(WednesdayAt2358, new() { [(Friday, Soir.Id)] = state });

        Assert.Equal(expected, Cell(grid, Friday, Soir).Action);
    }

    [Fact]
    public void PublicHoliday_IsAClosedDay_NotOutOfDeadline_AndTakesNoClickWhateverItsState()
    {
        var armistice = new DateOnly(2026, 11, 11);
        // Long after the deadline of the 11th: still "jour fermé", never "hors délai".
        var grid = Build(ThursdayAtMidnight, new() { [(armistice, Soir.Id)] = ReservationState.Requested });

        var day = Day(grid, armistice);
        Assert.False(day.IsOpen);
        Assert.False(day.Changeable);
        Assert.Null(day.Deadline);
        var free = Cell(grid, armistice, Matin);
        Assert.Equal(UnavailableReason.Closed, free.Unavailable);
        Assert.True(free.IsGrey);
        Assert.Equal("Case grisée (jour fermé)", free.Label);
        Assert.Null(free.Action);
        var requested = Cell(grid, armistice, Soir);
        Assert.Equal(UnavailableReason.Closed, requested.Unavailable);
        Assert.False(requested.IsGrey);
        Assert.Null(requested.Action);
    }

    [Fact]
    public void Weekend_IsAClosedDay()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0));

        var saturday = Cell(grid, new DateOnly(2026, 11, 28), Matin);
        Assert.Equal(UnavailableReason.Closed, saturday.Unavailable);
        Assert.Null(saturday.Action);
        Assert.Null(Day(grid, new DateOnly(2026, 11, 28)).Deadline);
    }

    [Fact]
    public void DayOutsideTheRegistration_IsHorsInscription_BeforeClosedAndOutOfDeadline()
    {
        // Registration from Monday 16/11: Friday 13/11 is out of it (and past its deadline),
        // Wednesday 11/11 is out of it and a public holiday.
        var registration = new DateRange(new DateOnly(2026, 11, 16), new DateOnly(2027, 7, 3));
        var grid = Build(ThursdayAtMidnight, new() { [(new DateOnly(2026, 11, 13), Matin.Id)] = ReservationState.Waitlisted }, registration: registration);

        var friday13 = Cell(grid, new DateOnly(2026, 11, 13), Soir);
        Assert.Equal(UnavailableReason.OutOfRegistration, friday13.Unavailable);
        Assert.Equal("Case grisée (hors inscription)", friday13.Label);
        Assert.Null(friday13.Action);
        Assert.Equal(UnavailableReason.OutOfRegistration, Cell(grid, new DateOnly(2026, 11, 11), Soir).Unavailable);
        // Even a withdrawal is no click outside the registration.
        Assert.Null(Cell(grid, new DateOnly(2026, 11, 13), Matin).Action);
        Assert.False(Day(grid, new DateOnly(2026, 11, 13)).IsOpen);
        Assert.Null(Day(grid, new DateOnly(2026, 11, 13)).Deadline);
    }

    [Fact]
    public void WaitlistPosition_IsShownOnWaitlistedCellsOnly()
    {
        var monday = new DateOnly(2026, 11, 30);
        var grid = Build(
            new DateTime(2026, 11, 2, 9, 0, 0),
            new() { [(monday, Matin.Id)] = ReservationState.Waitlisted, [(monday, Soir.Id)] = ReservationState.Confirmed },
            new() { [(monday, Matin.Id)] = 3, [(monday, Soir.Id)] = 7 });

        var waitlisted = Cell(grid, monday, Matin);
        Assert.Equal(3, waitlisted.WaitlistPosition);
        Assert.Equal("Demande de réservation en attente (liste d'attente)", waitlisted.Label);
        Assert.Equal(ReservationAction.WithdrawRequest, waitlisted.Action);
        Assert.Null(Cell(grid, monday, Soir).WaitlistPosition);
    }

    [Fact]
    public void WaitlistedCell_WithoutKnownPosition_HasNone()
    {
        var monday = new DateOnly(2026, 11, 30);
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0), new() { [(monday, Matin.Id)] = ReservationState.Waitlisted });

        Assert.Null(Cell(grid, monday, Matin).WaitlistPosition);
    }

    [Fact]
    public void StatesOfOtherMonthsOrUnits_DoNotLeakIntoTheGrid()
    {
        var grid = Build(
            new DateTime(2026, 11, 2, 9, 0, 0),
            new() { [(new DateOnly(2026, 12, 4), Matin.Id)] = ReservationState.Confirmed, [(Friday, Guid.NewGuid())] = ReservationState.Confirmed });

        Assert.All(grid.Rows.SelectMany(r => r.Cells), c => Assert.Equal(ReservationState.Free, c.State));
    }

    [Theory]
    [InlineData("2026-06-15", "2026-09-01")] // before the registration: its first month
    [InlineData("2026-09-30", "2026-09-01")]
    [InlineData("2026-11-20", "2026-11-01")]
    [InlineData("2027-07-03", "2027-07-01")]
    [InlineData("2027-08-10", "2027-07-01")] // after it: its last month
    public void ClampMonth_BringsAnyDayToTheFirstOfAMonthInsideTheRegistration(string asked, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReservationGrid.ClampMonth(DateOnly.Parse(asked, System.Globalization.CultureInfo.InvariantCulture), Registration));
    }

    [Fact]
    public void Build_ForAMonthOutsideTheRegistration_ShowsTheNearestOne()
    {
        var grid = Build(new DateTime(2026, 11, 2, 9, 0, 0), month: new DateOnly(2028, 1, 15));

        Assert.Equal(new DateOnly(2027, 7, 1), grid.Month);
        Assert.Equal(31, grid.Days.Count);
    }

    [Fact]
    public void PreviousAndNextMonth_StayInsideTheRegistrationsDates()
    {
        // From Tuesday 15/09/2026 to Thursday 10/12/2026.
        var registration = new DateRange(new DateOnly(2026, 9, 15), new DateOnly(2026, 12, 10));
        var now = new DateTime(2026, 9, 1, 9, 0, 0);

        var september = Build(now, month: new DateOnly(2026, 9, 20), registration: registration);
        var november = Build(now, month: November, registration: registration);
        var december = Build(now, month: new DateOnly(2026, 12, 1), registration: registration);

        Assert.Null(september.PreviousMonth);
        Assert.Equal(new DateOnly(2026, 10, 1), september.NextMonth);
        Assert.Equal(new DateOnly(2026, 10, 1), november.PreviousMonth);
        Assert.Equal(new DateOnly(2026, 12, 1), november.NextMonth);
        Assert.Equal(new DateOnly(2026, 11, 1), december.PreviousMonth);
        Assert.Null(december.NextMonth);
    }

    [Fact]
    public void PreviousAndNextMonth_AtTheExactEdgesOfTheRegistration()
    {
        // From the 1st of October to the 31st of October: one month, nothing around it.
        var registration = new DateRange(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

        var october = Build(new DateTime(2026, 9, 1, 9, 0, 0), month: new DateOnly(2026, 10, 1), registration: registration);

        Assert.Null(october.PreviousMonth);
        Assert.Null(october.NextMonth);
    }

    [Fact]
    public void PreviousMonth_IsOfferedWhenTheRegistrationStartsOnItsLastDay()
    {
        var registration = new DateRange(new DateOnly(2026, 9, 30), new DateOnly(2026, 11, 1));

        var october = Build(new DateTime(2026, 9, 1, 9, 0, 0), month: new DateOnly(2026, 10, 1), registration: registration);

        Assert.Equal(new DateOnly(2026, 9, 1), october.PreviousMonth);
        Assert.Equal(new DateOnly(2026, 11, 1), october.NextMonth);
    }

    /// <summary>
    /// For any month, registration, opening days, deadline, moment and stored states: a cell's
    /// click is its state's family move or nothing; nothing on a closed day or outside the
    /// registration; past the deadline only the moves the deadline does not bind; grey only
    /// when free and unavailable; a position only on the waiting list.
    /// </summary>
    [Fact]
    public void AnyGrid_EachCellsActionIsItsStatesFamilyMoveOrNone_AsTheReasonAllows()
    {
        var registration = Gen.Select(CalendarGen.Day, Gen.Int[0, 400], (start, length) => new DateRange(start, start.AddDays(length)));
        var weekdays = Gen.Bool.Array[7].Select(runs => Enum.GetValues<DayOfWeek>().Where(d => runs[(int)d]).ToHashSet());
        var states = Gen.Select(Gen.Int[0, 45], Gen.Int[0, 1], Gen.Enum<ReservationState>(), (day, unit, state) => (day, unit, state)).Array[0, 60];
        Gen.Select(registration, CalendarGen.Day, weekdays, CalendarGen.WorkingDays, CalendarGen.Deadline, CalendarGen.Moment, states, Gen.Int[1, 20])
            .Sample((dates, month, open, calendar, deadline, now, stored, position) =>
            {
                var first = ReservationGrid.ClampMonth(month, dates);
                var byCell = new Dictionary<(DateOnly, Guid), ReservationState>();
                foreach (var (day, unit, state) in stored)
                {
                    byCell[(first.AddDays(day - 5), Units[unit].Id)] = state;
                }

                var positions = byCell.Keys.ToDictionary(k => k, _ => position);
                bool Runs(DateOnly d) => open.Contains(d.DayOfWeek) && !calendar.IsPublicHoliday(d) && !calendar.IsClosure(d);

                var grid = ReservationGrid.Build(month, dates, Units, Runs, deadline, calendar, now, byCell, positions);

                Assert.Equal(first, grid.Month);
                foreach (var cell in grid.Rows.SelectMany(r => r.Cells))
                {
                    var state = byCell.GetValueOrDefault((cell.Date, cell.UnitId), ReservationState.Free);
                    Assert.Equal(state, cell.State);
                    Assert.Equal(ReservationGrid.WhyUnavailable(cell.Date, dates, Runs, deadline, calendar, now), cell.Unavailable);
                    var click = ReservationStateMachine.FamilyClickAction(state);
                    Assert.True(cell.Action is null || cell.Action == click);
                    var expected = cell.Unavailable switch
                    {
                        null => click,
                        UnavailableReason.OutOfDeadline when click is { } move && !ReservationStateMachine.NeedsDeadline(move) => click,
                        _ => null,
                    };
                    Assert.Equal(expected, cell.Action);
                    Assert.Equal(cell.Unavailable is not null && state == ReservationState.Free, cell.IsGrey);
                    Assert.Equal(state == ReservationState.Waitlisted ? position : null, cell.WaitlistPosition);
                }

                foreach (var day in grid.Days)
                {
                    var reason = ReservationGrid.WhyUnavailable(day.Date, dates, Runs, deadline, calendar, now);
                    Assert.Equal(reason is null or UnavailableReason.OutOfDeadline, day.IsOpen);
                    Assert.Equal(reason is null, day.Changeable);
                    Assert.Equal(day.IsOpen, day.Deadline is not null);
                }

                Assert.Equal(first.AddDays(-1) >= dates.Start ? first.AddMonths(-1) : null, grid.PreviousMonth);
                Assert.Equal(first.AddMonths(1) <= dates.End ? first.AddMonths(1) : null, grid.NextMonth);
            });
    }
}
