using CsCheck;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Reservations;

namespace PortailFamille.Domain.Tests.Reservations;

public class ReservationTests
{
    private static readonly WorkingDayCalendar Calendar = new(false, []);

    // Friday 20/11/2026, a week without public holidays: with 3 working days, Wednesday 18/11
    // before 23:59 is the last moment (Wed, Thu, Fri), Thursday 19/11 is too late.
    private static readonly DateOnly Friday = new(2026, 11, 20);

    private static readonly DateTime WednesdayNoon = new(2026, 11, 18, 12, 0, 0);
    private static readonly DateTime ThursdayMorning = new(2026, 11, 19, 8, 0, 0);
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 11, 0, 0, TimeSpan.Zero);

    // The "What can happen next" column of docs/product.md 3.6, written again here rather than read from the code.
    private static readonly Dictionary<(ReservationState, ReservationAction), ReservationState> Allowed = new()
    {
        [(ReservationState.Free, ReservationAction.Request)] = ReservationState.Requested,
        [(ReservationState.Free, ReservationAction.BookDirectly)] = ReservationState.Confirmed,
        [(ReservationState.Free, ReservationAction.WaitlistDirectly)] = ReservationState.Waitlisted,
        [(ReservationState.Refused, ReservationAction.BookDirectly)] = ReservationState.Confirmed,
        [(ReservationState.Requested, ReservationAction.WithdrawRequest)] = ReservationState.Free,
        [(ReservationState.Requested, ReservationAction.Send)] = ReservationState.RequestSent,
        [(ReservationState.RequestSent, ReservationAction.Confirm)] = ReservationState.Confirmed,
        [(ReservationState.RequestSent, ReservationAction.Waitlist)] = ReservationState.Waitlisted,
        [(ReservationState.RequestSent, ReservationAction.Refuse)] = ReservationState.Refused,
        [(ReservationState.Confirmed, ReservationAction.RequestCancellation)] = ReservationState.CancellationRequested,
        [(ReservationState.Waitlisted, ReservationAction.Promote)] = ReservationState.Confirmed,
        [(ReservationState.Waitlisted, ReservationAction.WithdrawRequest)] = ReservationState.Free,
        [(ReservationState.Refused, ReservationAction.RequestAgain)] = ReservationState.Requested,
        [(ReservationState.CancellationRequested, ReservationAction.WithdrawCancellation)] = ReservationState.Confirmed,
        [(ReservationState.CancellationRequested, ReservationAction.Send)] = ReservationState.CancellationSent,
        [(ReservationState.CancellationSent, ReservationAction.AcceptCancellation)] = ReservationState.Free,
        [(ReservationState.CancellationSent, ReservationAction.RefuseCancellation)] = ReservationState.CancellationRefused,
        [(ReservationState.CancellationRefused, ReservationAction.RequestCancellation)] = ReservationState.CancellationRequested,
    };

    public static TheoryData<ReservationState, ReservationAction, ReservationState?> EveryStateTimesEveryAction()
    {
        var data = new TheoryData<ReservationState, ReservationAction, ReservationState?>();
        foreach (var state in Enum.GetValues<ReservationState>())
        {
            foreach (var action in Enum.GetValues<ReservationAction>())
            {
                data.Add(state, action, Allowed.TryGetValue((state, action), out var next) ? next : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateTimesEveryAction))]
    public void Next_FollowsTheStatesTable_AndRefusesEverythingElseInFrench(ReservationState state, ReservationAction action, ReservationState? expected)
    {
        var outcome = ReservationStateMachine.Next(state, action);

        if (expected is { } next)
        {
            Assert.True(outcome.Succeeded);
            Assert.Equal(next, outcome.Value);
        }
        else
        {
            var refusal = Assert.Single(outcome.Refusals);
            Assert.Equal("", refusal.Field);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            // French: an accented letter or a French word, and a full sentence.
            Assert.Matches("[éèàêçÉ]|Cette|Seule|Une|Ce ", refusal.Message);
            Assert.EndsWith(".", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Next_WithdrawingASentRequest_SaysItIsAlreadySent()
    {
        var outcome = ReservationStateMachine.Next(ReservationState.RequestSent, ReservationAction.WithdrawRequest);

        Assert.Equal("Cette demande a déjà été envoyée au service : elle ne peut plus être retirée.", Assert.Single(outcome.Refusals).Message);
    }

    [Theory]
    [InlineData(ReservationState.Free, ReservationAction.Request)]
    [InlineData(ReservationState.Requested, ReservationAction.WithdrawRequest)]
    [InlineData(ReservationState.RequestSent, null)]
    [InlineData(ReservationState.Confirmed, ReservationAction.RequestCancellation)]
    [InlineData(ReservationState.Waitlisted, ReservationAction.WithdrawRequest)]
    [InlineData(ReservationState.Refused, ReservationAction.RequestAgain)]
    [InlineData(ReservationState.CancellationRequested, ReservationAction.WithdrawCancellation)]
    [InlineData(ReservationState.CancellationSent, null)]
    [InlineData(ReservationState.CancellationRefused, ReservationAction.RequestCancellation)]
    public void FamilyClickAction_IsTheOneFamilyMoveAllowedInEachState(ReservationState state, ReservationAction? expected)
    {
        var click = ReservationStateMachine.FamilyClickAction(state);

        Assert.Equal(expected, click);
        if (click is { } action)
        {
            Assert.True(ReservationStateMachine.IsFamilyAction(action));
            Assert.True(ReservationStateMachine.Next(state, action).Succeeded);
        }
    }

    [Fact]
    public void FamilyClickAction_CoversEveryState()
    {
        var covered = Enum.GetValues<ReservationState>().Count(s => s is ReservationState.RequestSent or ReservationState.CancellationSent
            || ReservationStateMachine.FamilyClickAction(s) is not null);

        Assert.Equal(Enum.GetValues<ReservationState>().Length, covered);
    }

    [Fact]
    public void Labels_AreTheCalendarsFrenchLabels()
    {
        Assert.Equal("Case libre", ReservationStates.Label(ReservationState.Free));
        Assert.Equal("Demande d'annulation en attente / refusée : l'enfant reste inscrit", ReservationStates.Label(ReservationState.CancellationRefused));
        Assert.Equal("hors délai", ReservationStates.Label(UnavailableReason.OutOfDeadline));
        Assert.Equal("jour fermé", ReservationStates.Label(UnavailableReason.Closed));
        Assert.Equal("hors inscription", ReservationStates.Label(UnavailableReason.OutOfRegistration));
        Assert.All(Enum.GetValues<ReservationState>(), s => Assert.False(string.IsNullOrWhiteSpace(ReservationStates.Label(s))));
        Assert.Equal(Enum.GetValues<ReservationState>().Length, Enum.GetValues<ReservationState>().Select(ReservationStates.Label).Distinct().Count());
    }

    [Fact]
    public void Request_ForAFriday_IsAcceptedOnWednesday_AndRefusedOnThursday()
    {
        var accepted = Cell().Apply(ReservationAction.Request, WednesdayNoon, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);
        var late = Cell();
        var refused = late.Apply(ReservationAction.Request, ThursdayMorning, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);

        Assert.True(accepted.Succeeded);
        Assert.Equal(ReservationState.Requested, accepted.Value.State);
        var refusal = Assert.Single(refused.Refusals);
        Assert.Equal("", refusal.Field);
        Assert.Equal("Hors délai : les demandes pour le 20/11/2026 se faisaient jusqu'au 18/11/2026 à 23:59.", refusal.Message);
        Assert.Equal(ReservationState.Free, late.State);
        Assert.Empty(late.History);
    }

    [Fact]
    public void Request_AfterTheDeadline_NamesTheClosingDay_SkippingPublicHolidays()
    {
        // Friday 13/11/2026: Wednesday 11/11 is the Armistice, so requests closed on Tuesday 10/11.
        var cell = Reservation.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 11, 13));

        var outcome = cell.Apply(ReservationAction.Request, new DateTime(2026, 11, 10, 23, 59, 0), Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);

        Assert.Equal("Hors délai : les demandes pour le 13/11/2026 se faisaient jusqu'au 10/11/2026 à 23:59.", Assert.Single(outcome.Refusals).Message);
    }

    [Fact]
    public void Cancellation_ForAFriday_IsAcceptedOnWednesday_AndRefusedOnThursday()
    {
        var onTime = Confirmed();
        var late = Confirmed();

        var accepted = onTime.Apply(ReservationAction.RequestCancellation, WednesdayNoon, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);
        var refused = late.Apply(ReservationAction.RequestCancellation, ThursdayMorning, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);

        Assert.Equal(ReservationState.CancellationRequested, accepted.Value.State);
        Assert.StartsWith("Hors délai", Assert.Single(refused.Refusals).Message, StringComparison.Ordinal);
        Assert.Equal(ReservationState.Confirmed, late.State);
    }

    [Fact]
    public void RequestAgain_AfterTheDeadline_IsRefused()
    {
        var cell = Cell();
        Apply(cell, ReservationAction.Request, WednesdayNoon);
        Apply(cell, ReservationAction.Send, WednesdayNoon);
        Apply(cell, ReservationAction.Refuse, ThursdayMorning);

        var outcome = cell.Apply(ReservationAction.RequestAgain, ThursdayMorning, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);

        Assert.False(outcome.Succeeded);
        Assert.Equal(ReservationState.Refused, cell.State);
    }

    [Theory]
    [InlineData(ReservationAction.Request, true)]
    [InlineData(ReservationAction.RequestAgain, true)]
    [InlineData(ReservationAction.RequestCancellation, true)]
    [InlineData(ReservationAction.WithdrawRequest, false)]
    [InlineData(ReservationAction.WithdrawCancellation, false)]
    public void FamilyActions_DeadlineRule(ReservationAction action, bool needsDeadline)
    {
        Assert.True(ReservationStateMachine.IsFamilyAction(action));
        Assert.Equal(needsDeadline, ReservationStateMachine.NeedsDeadline(action));
    }

    [Fact]
    public void WithdrawingAnUnsentRequest_AfterTheDeadline_IsAllowed()
    {
        var cell = Cell();
        Apply(cell, ReservationAction.Request, WednesdayNoon);

        var outcome = cell.Apply(ReservationAction.WithdrawRequest, ThursdayMorning, Now, BookingDeadline.Default, Calendar, "famille", Reservation.PortalOrigin);

        Assert.True(outcome.Succeeded);
        Assert.Equal(ReservationState.Free, cell.State);
        Assert.Null(cell.RequestedAt);
    }

    public static TheoryData<ReservationAction[]> AgentPaths() => new()
    {
        new[] { ReservationAction.BookDirectly },
        new[] { ReservationAction.Request, ReservationAction.Send, ReservationAction.Confirm },
        new[] { ReservationAction.Request, ReservationAction.Send, ReservationAction.Waitlist, ReservationAction.Promote },
        new[] { ReservationAction.Request, ReservationAction.Send, ReservationAction.Refuse },
        new[] { ReservationAction.BookDirectly, ReservationAction.RequestCancellation, ReservationAction.Send, ReservationAction.AcceptCancellation },
        new[] { ReservationAction.BookDirectly, ReservationAction.RequestCancellation, ReservationAction.Send, ReservationAction.RefuseCancellation },
    };

    [Theory]
    [MemberData(nameof(AgentPaths))]
    public void TransferAndAgentActions_AreNeverDeadlineChecked(ReservationAction[] path)
    {
        var cell = Cell();
        foreach (var action in path)
        {
            // Family moves on time; everything else long after the day itself.
            var when = ReservationStateMachine.IsFamilyAction(action) ? WednesdayNoon : new DateTime(2026, 11, 25, 9, 0, 0);
            Assert.Equal(ReservationStateMachine.IsFamilyAction(action), ReservationStateMachine.NeedsDeadline(action));
            Assert.True(cell.Apply(action, when, Now, BookingDeadline.Default, Calendar, "agent", Reservation.BackOfficeOrigin).Succeeded, action.ToString());
        }
    }

    [Fact]
    public void Apply_AppendsWhoWhenAndWhereFrom_AndKeepsTheRequestOrder()
    {
        var cell = Cell();
        var requestedAt = new DateTimeOffset(2026, 11, 16, 18, 30, 0, TimeSpan.Zero);
        var sentAt = new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

        cell.Apply(ReservationAction.Request, WednesdayNoon, requestedAt, BookingDeadline.Default, Calendar, "marie.dupont@example.fr", Reservation.PortalOrigin);
        cell.Apply(ReservationAction.Send, WednesdayNoon, sentAt, BookingDeadline.Default, Calendar, "transfert", Reservation.TransferOrigin);

        Assert.Equal(
            [
                new ReservationChange(requestedAt, ReservationState.Free, ReservationState.Requested, ReservationAction.Request, "marie.dupont@example.fr", "portail"),
                new ReservationChange(sentAt, ReservationState.Requested, ReservationState.RequestSent, ReservationAction.Send, "transfert", "transfert"),
            ],
            cell.History);
        Assert.Equal(requestedAt, cell.RequestedAt);
    }

    [Fact]
    public void Apply_RefusedByTheStateMachine_ChangesNothing()
    {
        var cell = Cell();

        var outcome = cell.Apply(ReservationAction.Confirm, WednesdayNoon, Now, BookingDeadline.Default, Calendar, "agent", Reservation.BackOfficeOrigin);

        Assert.Equal("", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(ReservationState.Free, cell.State);
        Assert.Empty(cell.History);
    }

    [Fact]
    public void Start_MakesAFreeCell_WithItsOwnId()
    {
        var registration = Guid.NewGuid();
        var unit = Guid.NewGuid();

        var cell = Reservation.Start(registration, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), unit, Friday);

        Assert.NotEqual(Guid.Empty, cell.Id);
        Assert.Equal(registration, cell.RegistrationId);
        Assert.Equal(unit, cell.UnitId);
        Assert.Equal(Friday, cell.Date);
        Assert.Equal(ReservationState.Free, cell.State);
        Assert.Null(cell.RequestedAt);
        Assert.Empty(cell.History);
    }

    /// <summary>
    /// Whatever allowed moves follow each other from a free cell, the state stays one of the
    /// enum's and the history is a chain: each move starts where the previous one ended.
    /// </summary>
    [Fact]
    public void AnySequenceOfAllowedActions_StaysInTheEnum_AndChainsItsHistory()
    {
        var actions = Enum.GetValues<ReservationAction>();
        Gen.Int[0, 1000].Array[0, 40].Sample(choices =>
        {
            var cell = Cell();
            var minute = 0;
            foreach (var choice in choices)
            {
                var allowed = actions.Where(a => ReservationStateMachine.Next(cell.State, a).Succeeded).ToArray();
                Assert.NotEmpty(allowed);
                var action = allowed[choice % allowed.Length];
                var outcome = cell.Apply(action, WednesdayNoon, Now.AddMinutes(minute++), BookingDeadline.Default, Calendar, "quelqu'un", Reservation.PortalOrigin);
                Assert.True(outcome.Succeeded);
                Assert.True(Enum.IsDefined(cell.State));
            }

            Assert.Equal(choices.Length, cell.History.Count);
            var previous = ReservationState.Free;
            foreach (var change in cell.History)
            {
                Assert.Equal(previous, change.From);
                Assert.Equal(change.To, ReservationStateMachine.Next(change.From, change.Action).Value);
                previous = change.To;
            }

            Assert.Equal(previous, cell.State);
        });
    }

    private static Reservation Cell() =>
        Reservation.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Friday);

    private static Reservation Confirmed()
    {
        var cell = Cell();
        Apply(cell, ReservationAction.BookDirectly, WednesdayNoon);
        return cell;
    }

    private static void Apply(Reservation cell, ReservationAction action, DateTime parisNow) =>
        Assert.True(cell.Apply(action, parisNow, Now, BookingDeadline.Default, Calendar, "agent", Reservation.BackOfficeOrigin).Succeeded);
}
