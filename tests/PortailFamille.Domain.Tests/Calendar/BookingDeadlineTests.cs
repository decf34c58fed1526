using CsCheck;
using PortailFamille.Domain.Calendar;

namespace PortailFamille.Domain.Tests.Calendar;

public class BookingDeadlineTests
{
    private static readonly WorkingDayCalendar France = new(alsaceMoselle: false, []);
    private static readonly BookingDeadline Default = BookingDeadline.Default;

    // A week without holidays: Monday 09/03/2026 to Friday 13/03/2026.
    private static readonly DateOnly Friday = new(2026, 3, 13);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static DateTime At(int year, int month, int day, int hour, int minute, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);

    [Fact]
    public void Default_IsThreeWorkingDaysBefore2359()
    {
        Assert.Equal(3, Default.WorkingDays);
        Assert.Equal(new TimeOnly(23, 59), Default.CutOff);
    }

    // The example of docs/product.md 4.1.

    [Fact]
    public void DeadlineExample_ForAFriday_ARequestOnTheWednesdayOfThatWeek_IsAccepted()
    {
        Assert.True(Default.Allows(At(2026, 3, 11, 20, 0), Friday, France));
    }

    [Fact]
    public void DeadlineExample_ForAFriday_ARequestOnTheThursday_IsTooLate()
    {
        Assert.False(Default.Allows(At(2026, 3, 12, 8, 0), Friday, France));
    }

    [Fact]
    public void DeadlineExample_ForAFriday_ARequestOnTheTuesday_IsAccepted()
    {
        Assert.True(Default.Allows(At(2026, 3, 10, 23, 0), Friday, France));
    }

    [Fact]
    public void DeadlineExample_ForAFriday_TheLastMomentIsWednesdayJustBefore2359()
    {
        Assert.Equal(At(2026, 3, 11, 23, 59).AddTicks(-1), Default.LastMoment(Friday, France));
        Assert.Equal(D(2026, 3, 11), Default.ClosingDay(Friday, France));
    }

    [Fact]
    public void Describe_IsTheProductExample()
    {
        // Friday 14/11/2025: Wednesday 12/11, Thursday 13/11, Friday 14/11.
        Assert.Equal("modifiable jusqu'au mer. 12/11 à 23:59", Default.Describe(D(2025, 11, 14), France));
    }

    [Fact]
    public void ARequestForThatDayOrAPastDay_IsRefused()
    {
        Assert.False(Default.Allows(At(2026, 3, 13, 7, 0), Friday, France));
        Assert.False(Default.Allows(At(2026, 3, 16, 7, 0), Friday, France));
    }

    [Fact]
    public void ARequestWeeksAhead_IsAccepted()
    {
        Assert.True(Default.Allows(At(2026, 2, 2, 23, 58), Friday, France));
    }

    // Public holidays inside the deadline.

    [Fact]
    public void ForFridayAfterAscension_TheTuesdayIsTheLastDay()
    {
        // Fri 15/05/2026, Thu 14/05 Ascension, Wed 13/05, Tue 12/05.
        var friday = D(2026, 5, 15);

        Assert.True(Default.Allows(At(2026, 5, 12, 23, 58), friday, France));
        Assert.False(Default.Allows(At(2026, 5, 13, 9, 0), friday, France));
        Assert.Equal(At(2026, 5, 12, 23, 59).AddTicks(-1), Default.LastMoment(friday, France));
        Assert.Equal("modifiable jusqu'au mar. 12/05 à 23:59", Default.Describe(friday, France));
    }

    [Fact]
    public void ForMondayAfterAscension_ARequestOnAscensionDay_IsTooLate()
    {
        // Mon 18/05/2026: Mon 18, Fri 15, Wed 13 (Thursday 14 is Ascension).
        var monday = D(2026, 5, 18);

        Assert.True(Default.Allows(At(2026, 5, 13, 12, 0), monday, France));
        Assert.False(Default.Allows(At(2026, 5, 14, 12, 0), monday, France));
        Assert.Equal("modifiable jusqu'au mer. 13/05 à 23:59", Default.Describe(monday, France));
    }

    [Fact]
    public void ForFridayAfterArmistice2026_TheTuesdayIsTheLastDay()
    {
        // Fri 13/11/2026, Thu 12/11, Wed 11/11 Armistice, Tue 10/11.
        var friday = D(2026, 11, 13);

        Assert.Equal(At(2026, 11, 10, 23, 59).AddTicks(-1), Default.LastMoment(friday, France));
        Assert.Equal("modifiable jusqu'au mar. 10/11 à 23:59", Default.Describe(friday, France));
        Assert.True(Default.Allows(At(2026, 11, 10, 18, 0), friday, France));
        Assert.False(Default.Allows(At(2026, 11, 11, 10, 0), friday, France));
    }

    [Fact]
    public void AfterEaster_AlsaceMosellesGoodFriday_MovesTheDeadlineOneWorkingDayEarlier()
    {
        // Tue 07/04/2026 after Easter Monday 06/04; Good Friday 03/04 in Alsace-Moselle only.
        var tuesday = D(2026, 4, 7);
        var alsaceMoselle = new WorkingDayCalendar(alsaceMoselle: true, []);

        Assert.Equal(D(2026, 4, 2), Default.ClosingDay(tuesday, France));
        Assert.Equal(D(2026, 4, 1), Default.ClosingDay(tuesday, alsaceMoselle));
        Assert.True(Default.Allows(At(2026, 4, 2, 12, 0), tuesday, France));
        Assert.False(Default.Allows(At(2026, 4, 2, 12, 0), tuesday, alsaceMoselle));
    }

    [Fact]
    public void ALocalClosure_MovesTheDeadlineOneWorkingDayEarlier()
    {
        var calendar = new WorkingDayCalendar(false, [D(2026, 3, 12)]);

        Assert.False(Default.Allows(At(2026, 3, 11, 12, 0), Friday, calendar));
        Assert.True(Default.Allows(At(2026, 3, 10, 12, 0), Friday, calendar));
        Assert.Equal("modifiable jusqu'au mar. 10/03 à 23:59", Default.Describe(Friday, calendar));
    }

    [Fact]
    public void ForADayThatIsNotWorked_TheDeadlineCountsTheWorkingDaysBeforeIt()
    {
        // Saturday 14/03/2026 is not a working day: Wed 11, Thu 12, Fri 13.
        Assert.Equal(D(2026, 3, 11), Default.ClosingDay(D(2026, 3, 14), France));
        // Ascension Thursday 14/05/2026 neither: Mon 11, Tue 12, Wed 13.
        Assert.Equal(D(2026, 5, 11), Default.ClosingDay(D(2026, 5, 14), France));
    }

    // The cut-off time.

    [Fact]
    public void CutOff_At2358OnTheLastDay_IsAccepted()
    {
        Assert.True(Default.Allows(At(2026, 3, 11, 23, 58), Friday, France));
        Assert.True(Default.Allows(At(2026, 3, 11, 23, 58, 59, 999), Friday, France));
    }

    [Fact]
    public void CutOff_At2359OnTheLastDay_IsRefused()
    {
        Assert.False(Default.Allows(At(2026, 3, 11, 23, 59), Friday, France));
        Assert.False(Default.Allows(At(2026, 3, 11, 23, 59, 59, 999), Friday, France));
    }

    [Fact]
    public void AfterTheCutOff_ARequestCountsFromTheNextDay()
    {
        // Wednesday 11/03 at 23:59 counts as Thursday: Thu, Fri, Mon 16/03 = 3.
        Assert.True(Default.Allows(At(2026, 3, 11, 23, 59), D(2026, 3, 16), France));
        Assert.False(Default.Allows(At(2026, 3, 12, 23, 59), D(2026, 3, 16), France));
    }

    [Fact]
    public void ACustomCutOffAt10_ClosesTheLastDayAt10()
    {
        var deadline = new BookingDeadline(3, new TimeOnly(10, 0));

        Assert.True(deadline.Allows(At(2026, 3, 11, 9, 59), Friday, France));
        Assert.False(deadline.Allows(At(2026, 3, 11, 10, 0), Friday, France));
        Assert.False(deadline.Allows(At(2026, 3, 11, 18, 0), Friday, France));
        Assert.Equal(At(2026, 3, 11, 10, 0).AddTicks(-1), deadline.LastMoment(Friday, France));
        Assert.Equal("modifiable jusqu'au mer. 11/03 à 10:00", deadline.Describe(Friday, France));
    }

    [Fact]
    public void ACutOffAtMidnight_ClosesAtTheEndOfTheDayBefore()
    {
        var deadline = new BookingDeadline(3, TimeOnly.MinValue);

        Assert.True(deadline.Allows(At(2026, 3, 10, 23, 59, 59, 999), Friday, France));
        Assert.False(deadline.Allows(At(2026, 3, 11, 0, 0), Friday, France));
        Assert.Equal(At(2026, 3, 11, 0, 0).AddTicks(-1), deadline.LastMoment(Friday, France));
        Assert.Equal("modifiable jusqu'au mer. 11/03 à 00:00", deadline.Describe(Friday, France));
    }

    [Fact]
    public void OneWorkingDay_AllowsARequestOnTheDayItselfBeforeTheCutOff()
    {
        var deadline = new BookingDeadline(1, new TimeOnly(9, 0));

        Assert.True(deadline.Allows(At(2026, 3, 13, 8, 59), Friday, France));
        Assert.False(deadline.Allows(At(2026, 3, 13, 9, 0), Friday, France));
    }

    // Requests made on a weekend.

    [Fact]
    public void ARequestOnSaturday_CountsFromMonday()
    {
        // Sat 14/03/2026: Mon 16, Tue 17, Wed 18.
        Assert.True(Default.Allows(At(2026, 3, 14, 10, 0), D(2026, 3, 18), France));
        Assert.True(Default.Allows(At(2026, 3, 14, 23, 59), D(2026, 3, 18), France));
        Assert.False(Default.Allows(At(2026, 3, 14, 10, 0), D(2026, 3, 17), France));
    }

    [Fact]
    public void ARequestOnSundayAfterTheCutOff_StillCountsFromMonday()
    {
        Assert.True(Default.Allows(At(2026, 3, 15, 23, 59, 30), D(2026, 3, 18), France));
        Assert.False(Default.Allows(At(2026, 3, 16, 23, 59), D(2026, 3, 18), France));
        Assert.Equal("modifiable jusqu'au lun. 16/03 à 23:59", Default.Describe(D(2026, 3, 18), France));
    }

    // Europe/Paris across the daylight-saving changes: the domain reads the wall clock.

    [Fact]
    public void OnTheNightClocksGoForward_RequestsFollowTheWallClock()
    {
        // Sunday 29/03/2026, 02:00 → 03:00. For Wednesday 01/04: Mon 30, Tue 31, Wed 1.
        var wednesday = D(2026, 4, 1);

        Assert.True(Default.Allows(At(2026, 3, 28, 23, 30), wednesday, France));
        Assert.True(Default.Allows(At(2026, 3, 29, 23, 30), wednesday, France));
        Assert.True(Default.Allows(At(2026, 3, 30, 23, 30), wednesday, France));
        Assert.False(Default.Allows(At(2026, 3, 30, 23, 59), wednesday, France));
        Assert.False(Default.Allows(At(2026, 3, 29, 23, 30), D(2026, 3, 31), France));
        Assert.Equal(At(2026, 3, 30, 23, 59).AddTicks(-1), Default.LastMoment(wednesday, France));
    }

    [Fact]
    public void OnTheNightClocksGoForward_TheSkippedHourIsReadAsAnyClockTime()
    {
        // 02:30 does not exist in Paris that night; the web layer never produces it, and the
        // domain does not need to know.
        Assert.True(Default.Allows(At(2026, 3, 29, 2, 30), D(2026, 4, 1), France));
    }

    [Fact]
    public void OnTheNightClocksGoBack_RequestsFollowTheWallClock()
    {
        // Sunday 25/10/2026, 03:00 → 02:00. For Wednesday 28/10: Mon 26, Tue 27, Wed 28.
        var wednesday = D(2026, 10, 28);

        Assert.True(Default.Allows(At(2026, 10, 24, 23, 30), wednesday, France));
        Assert.True(Default.Allows(At(2026, 10, 25, 23, 30), wednesday, France));
        Assert.True(Default.Allows(At(2026, 10, 25, 2, 30), wednesday, France));
        Assert.False(Default.Allows(At(2026, 10, 25, 23, 30), D(2026, 10, 27), France));
        Assert.False(Default.Allows(At(2026, 10, 27, 0, 30), wednesday, France));
        Assert.Equal(At(2026, 10, 26, 23, 59).AddTicks(-1), Default.LastMoment(wednesday, France));
    }

    [Fact]
    public void Allows_AUtcOrServerLocalTime_Throws()
    {
        var utc = new DateTime(2026, 3, 11, 20, 0, 0, DateTimeKind.Utc);
        var local = new DateTime(2026, 3, 11, 20, 0, 0, DateTimeKind.Local);

        Assert.Throws<ArgumentException>(() => Default.Allows(utc, Friday, France));
        Assert.Throws<ArgumentException>(() => Default.Allows(local, Friday, France));
    }

    [Fact]
    public void LastMoment_IsParisWallClockTime()
    {
        Assert.Equal(DateTimeKind.Unspecified, Default.LastMoment(Friday, France).Kind);
    }

    // Creating a deadline from what an administrator typed.

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    public void Create_From1To30WorkingDays_Succeeds(int workingDays)
    {
        var outcome = BookingDeadline.Create(workingDays, new TimeOnly(18, 0));

        Assert.True(outcome.Succeeded);
        Assert.Equal(new BookingDeadline(workingDays, new TimeOnly(18, 0)), outcome.Value);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(31)]
    public void Create_OutsideOneTo30WorkingDays_IsRefused(int workingDays)
    {
        var refusal = Assert.Single(BookingDeadline.Create(workingDays, new TimeOnly(23, 59)).Refusals);

        Assert.Equal("WorkingDays", refusal.Field);
        Assert.Equal("Le délai doit être compris entre 1 et 30 jours ouvrés.", refusal.Message);
    }

    [Fact]
    public void Create_WithSecondsInTheCutOff_IsRefused()
    {
        var refusal = Assert.Single(BookingDeadline.Create(3, new TimeOnly(23, 59, 30)).Refusals);

        Assert.Equal("CutOff", refusal.Field);
    }

    [Fact]
    public void Constructor_WithAnImpossibleDeadline_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BookingDeadline(0, new TimeOnly(23, 59)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Default with { WorkingDays = 31 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Default with { CutOff = new TimeOnly(23, 59, 59) });
        Assert.Equal(5, (Default with { WorkingDays = 5 }).WorkingDays);
    }

    // Laws.

    [Fact]
    public void ALaterRequest_NeverOpensADateThatAnEarlierRequestFoundClosed()
    {
        var gen = Gen.Select(
            CalendarGen.WorkingDays,
            CalendarGen.Deadline,
            CalendarGen.Moment,
            Gen.Int[-3, 50],
            Gen.OneOf(Gen.Long[0, TimeSpan.TicksPerHour], Gen.Long[0, 40 * TimeSpan.TicksPerDay]));
        gen.Sample(
            (calendar, deadline, earlier, daysAhead, ticksLater) =>
            {
                var day = DateOnly.FromDateTime(earlier).AddDays(daysAhead);
                var later = earlier.AddTicks(ticksLater);
                Assert.True(
                    deadline.Allows(earlier, day, calendar) || !deadline.Allows(later, day, calendar),
                    $"{deadline} refused {earlier:O} but allowed {later:O} for {day:O}.");
            },
            iter: 20_000);
    }

    [Fact]
    public void LastMoment_IsAllowed_AndAMinuteOrATickLaterIsNot()
    {
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Deadline, CalendarGen.Day).Sample(
            (calendar, deadline, day) =>
            {
                var last = deadline.LastMoment(day, calendar);
                Assert.True(deadline.Allows(last, day, calendar), $"{deadline} refused its last moment {last:O} for {day:O}.");
                Assert.False(deadline.Allows(last.AddTicks(1), day, calendar));
                Assert.False(deadline.Allows(last.AddMinutes(1), day, calendar));
                Assert.True(deadline.Allows(last.AddDays(-3), day, calendar));
            },
            iter: 10_000);
    }

    [Fact]
    public void Allows_IsExactlyBeforeTheCutOffOfTheClosingDay()
    {
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Deadline, CalendarGen.Moment, Gen.Int[-3, 50]).Sample(
            (calendar, deadline, now, daysAhead) =>
            {
                var day = DateOnly.FromDateTime(now).AddDays(daysAhead);
                var closes = deadline.ClosingDay(day, calendar).ToDateTime(deadline.CutOff);
                Assert.Equal(now < closes, deadline.Allows(now, day, calendar));
            },
            iter: 20_000);
    }

    [Fact]
    public void ClosingDay_IsAWorkingDay_WithExactlyTheDeadlinesWorkingDaysUpToTheDay()
    {
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Deadline, CalendarGen.Day).Sample(
            (calendar, deadline, day) =>
            {
                var closingDay = deadline.ClosingDay(day, calendar);
                Assert.True(calendar.IsWorkingDay(closingDay));
                Assert.True(closingDay <= day);
                Assert.Equal(deadline.WorkingDays, calendar.CountWorkingDays(closingDay, day));
            },
            iter: 5_000);
    }

    [Fact]
    public void Describe_NamesTheClosingDayAndTheCutOffInFrench()
    {
        string[] abbreviations = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."];
        Gen.Select(CalendarGen.WorkingDays, CalendarGen.Deadline, CalendarGen.Day).Sample(
            (calendar, deadline, day) =>
            {
                var closingDay = deadline.ClosingDay(day, calendar);
                var text = deadline.Describe(day, calendar);
                Assert.Equal(
                    $"modifiable jusqu'au {abbreviations[(int)closingDay.DayOfWeek]} {closingDay.Day:00}/{closingDay.Month:00} à {deadline.CutOff.Hour:00}:{deadline.CutOff.Minute:00}",
                    text);
            },
            iter: 1_000);
    }
}
