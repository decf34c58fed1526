using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Features.Reservations;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// The automatic decision after the transfer (docs/product.md 4.2, 4.3), on the demo "Restaurant
/// scolaire": in request order, confirmed while places last, waitlisted beyond; an accepted
/// cancellation's place goes to the first waitlisted request; the ledger always equals the
/// reservations holding a place; each family gets one email per run.
/// </summary>
public sealed class DecisionAutomaticTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    [Fact]
    public async Task InRequestOrder_TwoPlaces_ConfirmTheFirstTwo_WaitlistTheThird_AndACancellationPromotesIt()
    {
        await TransferAsync(factory);
        var repas = await UnitAsync(factory, Canteen);
        var first = await EnrolAsync(factory, Canteen);
        var second = await EnrolAsync(factory, Canteen);
        var third = await EnrolAsync(factory, Canteen);
        var day = (await OpenDaysAsync(factory, first.RegistrationId, 1))[0];
        await SetCapacityAsync(factory, first.ActivityId, repas, day, 2);
        await RequestAsync(factory, first, repas, day);
        await RequestAsync(factory, second, repas, day);
        await RequestAsync(factory, third, repas, day);

        var run = await TransferAsync(factory);

        Assert.Equal((3, 2, 1), (run.RequestsSent, run.Confirmed, run.Waitlisted));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, first, repas, day));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, second, repas, day));
        Assert.Equal(ReservationState.Waitlisted, await StateAsync(factory, third, repas, day));
        Assert.Equal(2, await TakenAsync(factory, first.ActivityId, repas, day));
        Assert.Equal(2, await HoldingAsync(factory, first.ActivityId, repas, day));

        await RequestCancellationAsync(factory, first, repas, day);
        var next = await TransferAsync(factory);

        Assert.Equal((0, 1, 1, 1), (next.RequestsSent, next.CancellationsSent, next.CancellationsAccepted, next.Promoted));
        Assert.Equal(ReservationState.Free, await StateAsync(factory, first, repas, day));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, third, repas, day));
        Assert.Equal(2, await TakenAsync(factory, first.ActivityId, repas, day));
        Assert.Equal(2, await HoldingAsync(factory, first.ActivityId, repas, day));

        // Every move of the promoted cell, with who made it and from where.
        var promoted = (await CellAsync(factory, third, repas, day))!;
        Assert.Equal(
            [
                (ReservationAction.Request, third.Account.Email, Reservation.PortalOrigin),
                (ReservationAction.Send, "test", Reservation.TransferOrigin),
                (ReservationAction.Waitlist, NightlyTransfer.AutomaticDecider, Reservation.BackOfficeOrigin),
                (ReservationAction.Promote, NightlyTransfer.AutomaticDecider, Reservation.BackOfficeOrigin),
            ],
            promoted.History.OrderBy(h => h.At).Select(h => (h.Action, h.By, h.Origin)));
        var cancelled = (await CellAsync(factory, first, repas, day))!;
        Assert.Equal(
            [ReservationAction.Request, ReservationAction.Send, ReservationAction.Confirm, ReservationAction.RequestCancellation, ReservationAction.Send, ReservationAction.AcceptCancellation],
            cancelled.History.OrderBy(h => h.At).Select(h => h.Action));
    }

    [Fact]
    public async Task OneFamily_WithSeveralDecidedDays_GetsExactlyOneEmail_InFrench_ListingTheDates()
    {
        await TransferAsync(factory);
        var repas = await UnitAsync(factory, Canteen);
        var family = await EnrolAsync(factory, Canteen);
        var days = await OpenDaysAsync(factory, family.RegistrationId, 3, skip: 3);
        await SetCapacityAsync(factory, family.ActivityId, repas, days[2], 0);
        await RequestAsync(factory, family, repas, [.. days]);

        var run = await TransferAsync(factory);

        Assert.Equal((3, 2, 1), (run.RequestsSent, run.Confirmed, run.Waitlisted));
        Assert.Equal(1, run.FamiliesNotified);
        var queued = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.To == family.Account.Email).ToListAsync());
        var notice = Assert.Single(queued);
        Assert.StartsWith("Réponse du service à vos demandes de réservation", notice.Subject, StringComparison.Ordinal);
        var mail = await factory.Smtp.WaitForMessageAsync(family.Account.Email);
        var text = Plain(mail.TextBody!);
        Assert.Contains("Le service a répondu à vos demandes", text, StringComparison.Ordinal);
        Assert.Contains($"Réservation validée : {Day(days[0])} (Repas), {Day(days[1])} (Repas).", text, StringComparison.Ordinal);
        Assert.Contains($"Liste d'attente : {Day(days[2])} (Repas).", text, StringComparison.Ordinal);

        // The next run has nothing new to tell.
        var again = await TransferAsync(factory);
        Assert.Equal(0, again.FamiliesNotified);
        Assert.Single(await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.To == family.Account.Email).ToListAsync()));
    }
}
