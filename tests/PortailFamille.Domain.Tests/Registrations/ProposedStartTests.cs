using System.Globalization;
using CsCheck;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Registrations;
using static PortailFamille.Domain.Tests.Catalogue.DemoCatalogue;

namespace PortailFamille.Domain.Tests.Registrations;

/// <summary>
/// "Nouvelle inscription" proposes as date de début the first day the child can still be
/// booked: an opening day of the period whose deadline (3 working days, 23:59) has not passed.
/// The Wednesday centre of 2026/2027 runs on Wednesdays out of school holidays (Noël:
/// 19/12/2026 to 03/01/2027).
/// </summary>
public class ProposedStartTests
{
    private readonly RegistrationFixture _f = new();

    private DateOnly Proposed(DateTime parisNow) => Registration.ProposedStart(_f.Activity, _f.Period, Holidays, Communal, parisNow);

    public static TheoryData<string, string, string> Cases => new()
    {
        // Before the period: its first day, a Wednesday.
        { "15/06/2026 10:30", "02/09/2026", "before the period" },
        // Friday 04/12: Fri, Mon, Tue, Wed 09/12 are four working days.
        { "04/12/2026 10:00", "09/12/2026", "in December, the next Wednesday" },
        // Wednesday 09/12 itself is one working day away: too late; 16/12 is six.
        { "09/12/2026 10:00", "16/12/2026", "on a Wednesday, the next one" },
        { "14/12/2026 10:00", "16/12/2026", "three working days ahead, the last moment" },
        // From Tuesday 15/12, Wednesday 16/12 is too close, 23/12 and 30/12 are holidays.
        { "15/12/2026 10:00", "06/01/2027", "after the holidays" },
        { "14/12/2026 23:59", "06/01/2027", "past the cut-off, counted from the next day" },
        { "28/06/2027 08:00", "30/06/2027", "the period's last day" },
        // Nothing left to book: the period's last day, which the family may still correct.
        { "29/06/2027 08:00", "30/06/2027", "no day left" },
        { "15/07/2027 08:00", "30/06/2027", "after the period" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProposedStart_IsTheFirstDayStillBookable(string now, string expected, string why)
    {
        var parisNow = DateTime.ParseExact(now, "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

        Assert.True(DateOnly.ParseExact(expected, "dd/MM/yyyy", CultureInfo.InvariantCulture) == Proposed(parisNow), why);
    }

    /// <summary>
    /// At any moment of the year, the day proposed is inside the period; and when a day can
    /// still be booked, it is one, the activity runs on it, and no earlier day could be booked.
    /// </summary>
    [Fact]
    public void ProposedStart_IsNeverADayAlreadyGone_NorLaterThanNeeded()
    {
        var minutes = Gen.Int[0, 400 * 24 * 60];
        var from = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var deadline = _f.Activity.Deadline;
        bool Bookable(DateOnly day, DateTime now) =>
            OpeningDays.IsOpen(day, _f.Period.Dates, _f.Activity.Weekdays, _f.Activity.SchoolTimeRule, Holidays, Communal) && deadline.Allows(now, day, Communal);

        minutes.Sample(offset =>
        {
            var now = from.AddMinutes(offset);
            var proposed = Proposed(now);

            Assert.True(_f.Period.Dates.Contains(proposed));
            var anyBookable = _f.Period.Dates.Days().Any(d => Bookable(d, now));
            if (anyBookable)
            {
                Assert.True(Bookable(proposed, now));
                Assert.True(proposed >= DateOnly.FromDateTime(now));
                Assert.DoesNotContain(_f.Period.Dates.Days().TakeWhile(d => d < proposed), d => Bookable(d, now));
            }
            else
            {
                Assert.Equal(_f.Period.End, proposed);
            }
        }, iter: 200);
    }
}
