using CsCheck;
using PortailFamille.Domain.Registrations;

namespace PortailFamille.Domain.Tests.Registrations;

public class RegistrationPropertyTests
{
    /// <summary>
    /// Whatever dates and boxes a family sends, a registration that Request accepts lies
    /// inside its period and ticks only the activity's days × units; and without age limits
    /// nor a closed window, every such request is accepted.
    /// </summary>
    [Fact]
    public void Request_AcceptsExactlyTheDatesInsideThePeriod_AndTheActivitysDaysTimesUnits()
    {
        var f = new RegistrationFixture();
        var units = f.Activity.Units.Select(u => u.Id).Append(Guid.NewGuid()).ToArray();
        var periodLength = f.Period.Dates.Length;
        var offsets = Gen.Int[-40, periodLength + 40];
        // Wednesday, the centre's only day, half of the time, so that many patterns fit.
        var days = Gen.OneOf(Gen.Const(DayOfWeek.Wednesday), Gen.Int[0, 6].Select(d => (DayOfWeek)d));
        var slots = Gen.Select(days, Gen.Int[0, units.Length - 1], (day, unit) => (day, units[unit])).Array[0, 4];

        Gen.Select(offsets, offsets, slots).Sample((startOffset, endOffset, ticked) =>
        {
            var start = f.Period.Start.AddDays(startOffset);
            var end = f.Period.Start.AddDays(endOffset);
            var pattern = WeeklyPattern.FromStorage(string.Join(';', ticked.Select(s => $"{s.Item1}:{s.Item2:D}")));

            var outcome = f.Request(start: start, end: end, pattern: pattern);

            var fits = pattern.Slots.All(s => f.Activity.Weekdays.Contains(s.Day) && f.Activity.HasUnit(s.UnitId));
            var inside = f.Period.Dates.Contains(start) && f.Period.Dates.Contains(end) && start <= end;
            Assert.Equal(inside && fits, outcome.Succeeded);
            if (outcome.Succeeded)
            {
                var registration = outcome.Value;
                Assert.True(f.Period.Dates.Contains(registration.Start));
                Assert.True(f.Period.Dates.Contains(registration.End));
                Assert.True(registration.Start <= registration.End);
                Assert.All(registration.Pattern.Slots, s =>
                {
                    Assert.Contains(s.Day, f.Activity.Weekdays);
                    Assert.Contains(f.Activity.Units, u => u.Id == s.UnitId);
                });
            }
        });
    }
}
