using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.GestionTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// "Demandes de réservation" in manual mode (docs/product.md 4.2), on the demo "ALSH mercredi": after
/// the transfer nothing is decided; the agent validates, waitlists and refuses one by one and
/// in bulk, a validation on a full day waitlists instead, and an accepted cancellation's place
/// is proposed to the first of the waiting list.
/// </summary>
public sealed class DecisionManualTests(ReservationFactory factory) : IClassFixture<ReservationFactory>
{
    private static string Url(Enrolled enrolled, DateOnly day) => $"/gestion/reservations?activite={enrolled.ActivityId}&date={Day(day)}";

    private async Task<(Guid Unit, DateOnly Day, Enrolled[] Children)> SentRequestsAsync(int children, int skip, int? capacity = null)
    {
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var enrolled = new Enrolled[children];
        for (var i = 0; i < children; i++)
        {
            enrolled[i] = await EnrolAsync(factory, Wednesday);
        }

        var day = (await OpenDaysAsync(factory, enrolled[0].RegistrationId, 1, skip))[0];
        if (capacity is { } places)
        {
            await SetCapacityAsync(factory, enrolled[0].ActivityId, matin, day, places);
        }

        foreach (var child in enrolled)
        {
            await RequestAsync(factory, child, matin, day);
        }

        await TransferAsync(factory);
        return (matin, day, enrolled);
    }

    private async Task<Guid> IdAsync(Enrolled enrolled, Guid unit, DateOnly day) =>
        (await CellAsync(factory, enrolled, unit, day))!.Id;

    private static List<string> Results(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".alert--info li").Select(li => Plain(li.TextContent.Trim()))];

    [Fact]
    public async Task AfterTheTransfer_NothingIsDecided_AndThePageListsTheRequestsInRequestOrder_WithThePlaces()
    {
        var (matin, day, children) = await SentRequestsAsync(3, skip: 0);
        using var agent = await AgentAsync(factory);

        var page = await agent.GetAsync(Url(children[0], day));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var child in children)
        {
            Assert.Equal(ReservationState.RequestSent, await StateAsync(factory, child, matin, day));
        }

        Assert.Contains("validation manuelle", page.Text, StringComparison.Ordinal);
        var form = page.Document.QuerySelector($"#unite-{matin:N}")!.ParentElement!;
        Assert.Equal(["Capacité", "Places prises", "Places restantes"], form.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["40", "0", "40"], form.QuerySelectorAll("dd").Select(d => d.TextContent));
        var rows = form.QuerySelectorAll("tbody tr th[scope=row]").Select(th => th.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(children.Select((c, i) => (c, i)), x => Assert.StartsWith(x.c.ChildName, rows[x.i], StringComparison.Ordinal));
        // The day is in the list of days to decide.
        Assert.Contains(page.Document.QuerySelectorAll("#titre-a-traiter ~ div tbody tr"), tr => tr.TextContent.Contains(Day(day), StringComparison.Ordinal) && tr.TextContent.Contains("ALSH mercredi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneByOne_TheAgentValidates_Waitlists_AndRefuses_AndTheHistorySaysWhoAndFromWhere()
    {
        var (matin, day, children) = await SentRequestsAsync(3, skip: 1);
        using var agent = await AgentAsync(factory);
        var url = Url(children[0], day);

        var page = await agent.FollowAsync(await agent.PressAsync(await agent.GetAsync(url), $"Valider la demande de {children[0].ChildName} (Matin)"));
        Assert.Contains($"{children[0].ChildName}, Matin du {Day(day)} : réservation validée.", Results(page));
        page = await agent.FollowAsync(await agent.PressAsync(page, $"Liste d'attente pour la demande de {children[1].ChildName} (Matin)"));
        Assert.Contains($"{children[1].ChildName}, Matin du {Day(day)} : mise en liste d'attente.", Results(page));
        page = await agent.FollowAsync(await agent.PressAsync(page, $"Refuser la demande de {children[2].ChildName} (Matin)"));
        Assert.Contains($"{children[2].ChildName}, Matin du {Day(day)} : demande refusée.", Results(page));

        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, children[0], matin, day));
        Assert.Equal(ReservationState.Waitlisted, await StateAsync(factory, children[1], matin, day));
        Assert.Equal(ReservationState.Refused, await StateAsync(factory, children[2], matin, day));
        Assert.Equal(1, await TakenAsync(factory, children[0].ActivityId, matin, day));
        var confirmed = (await CellAsync(factory, children[0], matin, day))!;
        var decision = confirmed.History.OrderBy(h => h.At).Last();
        Assert.Equal((ReservationAction.Confirm, Demo.AgentEmail, Reservation.BackOfficeOrigin), (decision.Action, decision.By, decision.Origin));

        // The history page reads the same moves.
        var history = await agent.GetAsync($"/gestion/reservations/{confirmed.Id}/historique");
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var lines = history.Document.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["Demande de réservation", "Case libre", "Demande de réservation (non encore envoyée)", children[0].Account.Email, "Portail Famille"], lines[0].Skip(1));
        Assert.Equal(["Envoi au service", "Demande de réservation (non encore envoyée)", "Demande de réservation envoyée (en attente d'acceptation)", "test", "Transfert"], lines[1].Skip(1));
        Assert.Equal(["Validée", "Demande de réservation envoyée (en attente d'acceptation)", "Réservation validée", Demo.AgentEmail, "Gestion"], lines[2].Skip(1));

        // A decision already made cannot be made again from a stale page.
        var stale = await agent.PostAsync("/gestion/reservations?handler=Decide", Form(page, ("ligne", $"Refuse:{confirmed.Id}")));
        var after = await agent.FollowAsync(stale);
        Assert.Contains($"{children[0].ChildName}, Matin du {Day(day)} : Seule une demande de réservation envoyée peut être validée ou refusée.", Results(after));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, children[0], matin, day));
    }

    [Fact]
    public async Task InBulk_OnADayWithTwoPlaces_TheFirstTwoAreValidated_TheThirdIsWaitlisted_WithTheMessage()
    {
        var (matin, day, children) = await SentRequestsAsync(4, skip: 2, capacity: 2);
        using var agent = await AgentAsync(factory);
        var page = await agent.GetAsync(Url(children[0], day));
        var ids = new List<Guid>();
        foreach (var child in children)
        {
            ids.Add(await IdAsync(child, matin, day));
        }

        Tick(page, ids[2], ids[1], ids[0]);
        page = await agent.FollowAsync(await agent.PressAsync(page, "Valider les demandes cochées (Matin)"));

        Assert.Equal(
            [
                $"{children[0].ChildName}, Matin du {Day(day)} : réservation validée.",
                $"{children[1].ChildName}, Matin du {Day(day)} : réservation validée.",
                $"{children[2].ChildName}, Matin du {Day(day)} : Complet : mise en liste d'attente.",
            ],
            Results(page));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, children[0], matin, day));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, children[1], matin, day));
        Assert.Equal(ReservationState.Waitlisted, await StateAsync(factory, children[2], matin, day));
        Assert.Equal(2, await TakenAsync(factory, children[0].ActivityId, matin, day));
        Assert.Equal(2, await HoldingAsync(factory, children[0].ActivityId, matin, day));

        // Nothing ticked: a French message, nothing changes.
        var none = await agent.PressAsync(page, "Refuser les demandes cochées (Matin)");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("Cochez au moins une demande de réservation avant de choisir une décision.", none.Errors);
        Assert.Equal(ReservationState.RequestSent, await StateAsync(factory, children[3], matin, day));

        Tick(page, ids[3]);
        page = await agent.FollowAsync(await agent.PressAsync(page, "Refuser les demandes cochées (Matin)"));
        Assert.Equal(ReservationState.Refused, await StateAsync(factory, children[3], matin, day));
        Assert.Equal([$"{children[3].ChildName}, Matin du {Day(day)} : demande refusée."], Results(page));
    }

    [Fact]
    public async Task AnAcceptedCancellation_FreesAPlace_ProposedToTheFirstWaitlisted_WhoGetsIt()
    {
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var booked = await EnrolAsync(factory, Wednesday);
        var day = (await OpenDaysAsync(factory, booked.RegistrationId, 1, skip: 3))[0];
        await SetCapacityAsync(factory, booked.ActivityId, matin, day, 1);
        await BookDirectlyAsync(factory, booked, matin, day);
        var firstWaiting = await EnrolAsync(factory, Wednesday);
        var secondWaiting = await EnrolAsync(factory, Wednesday);
        await RequestAsync(factory, firstWaiting, matin, day);
        await RequestAsync(factory, secondWaiting, matin, day);
        await RequestCancellationAsync(factory, booked, matin, day);
        await TransferAsync(factory);
        Assert.Equal(ReservationState.CancellationSent, await StateAsync(factory, booked, matin, day));
        using var agent = await AgentAsync(factory);
        var page = await agent.GetAsync(Url(booked, day));
        Tick(page, await IdAsync(firstWaiting, matin, day), await IdAsync(secondWaiting, matin, day));
        page = await agent.FollowAsync(await agent.PressAsync(page, "Mettre en liste d'attente les demandes cochées (Matin)"));
        Assert.Null(page.Document.QuerySelector("button[name=ligne][value^=Promote]"));

        page = await agent.FollowAsync(await agent.PressAsync(page, $"Accepter l'annulation de {booked.ChildName} (Matin)"));

        Assert.Contains($"{booked.ChildName}, Matin du {Day(day)} : annulation acceptée, la place est libérée.", Results(page));
        Assert.Equal(ReservationState.Free, await StateAsync(factory, booked, matin, day));
        Assert.Equal(0, await TakenAsync(factory, booked.ActivityId, matin, day));
        Assert.Contains($"1 place(s) disponible(s) : proposer à {firstWaiting.ChildName} (n° 1 de la liste d'attente)", Plain(page.Text), StringComparison.Ordinal);
        var positions = page.Document.QuerySelectorAll("h4").First(h => h.TextContent.StartsWith("Liste d'attente", StringComparison.Ordinal))
            .NextElementSibling!.QuerySelectorAll("tbody tr").Select(tr => (tr.Children[0].TextContent, tr.Children[1].TextContent)).ToList();
        Assert.Equal("1", positions[0].Item1);
        Assert.StartsWith(firstWaiting.ChildName, positions[0].Item2, StringComparison.Ordinal);
        Assert.Equal("2", positions[1].Item1);

        page = await agent.FollowAsync(await agent.PressAsync(page, $"Attribuer la place à {firstWaiting.ChildName} (Matin)"));

        Assert.Contains($"{firstWaiting.ChildName}, Matin du {Day(day)} : place attribuée, réservation validée.", Results(page));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, firstWaiting, matin, day));
        Assert.Equal(ReservationState.Waitlisted, await StateAsync(factory, secondWaiting, matin, day));
        Assert.Equal(1, await TakenAsync(factory, booked.ActivityId, matin, day));
        Assert.Equal(1, await HoldingAsync(factory, booked.ActivityId, matin, day));
        Assert.Null(page.Document.QuerySelector("button[name=ligne][value^=Promote]"));
    }

    [Fact]
    public async Task ACancellationRefused_InBulk_KeepsTheChildBooked()
    {
        var matin = await UnitAsync(factory, Wednesday, "Matin");
        var booked = await EnrolAsync(factory, Wednesday);
        var day = (await OpenDaysAsync(factory, booked.RegistrationId, 1, skip: 4))[0];
        await BookDirectlyAsync(factory, booked, matin, day);
        await RequestCancellationAsync(factory, booked, matin, day);
        await TransferAsync(factory);
        using var agent = await AgentAsync(factory);
        var page = await agent.GetAsync(Url(booked, day));

        Tick(page, await IdAsync(booked, matin, day));
        page = await agent.FollowAsync(await agent.PressAsync(page, "Refuser les annulations cochées (Matin)"));

        Assert.Equal([$"{booked.ChildName}, Matin du {Day(day)} : annulation refusée, l'enfant reste inscrit."], Results(page));
        Assert.Equal(ReservationState.CancellationRefused, await StateAsync(factory, booked, matin, day));
        Assert.Equal(1, await TakenAsync(factory, booked.ActivityId, matin, day));
    }

    [Fact]
    public async Task AStaleWaitlistDecision_OnADayTheFamilyLeft_DoesNotPutItBackOnTheList()
    {
        var (matin, day, children) = await SentRequestsAsync(1, skip: 5);
        var child = children[0];
        using var agent = await AgentAsync(factory);
        var stale = await agent.GetAsync(Url(child, day));
        await agent.FollowAsync(await agent.PressAsync(stale, $"Liste d'attente pour la demande de {child.ChildName} (Matin)"));
        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            var context = (await Web.Features.Reservations.BookingContext.LoadAsync(
                services.GetRequiredService<Web.Data.AppDbContext>(), services.GetRequiredService<Web.Features.Catalogue.CommuneCalendar>(), child.RegistrationId, null, CancellationToken.None))!;
            var left = await services.GetRequiredService<Web.Features.Reservations.FamilyBooking>().ApplyClicksAsync(
                context, [new Web.Features.Reservations.CellChoice(day, matin, ReservationState.Waitlisted)], child.Account.Email, CancellationToken.None);
            Assert.Equal(1, left.Withdrawn);
        }

        var page = await agent.FollowAsync(await agent.PressAsync(stale, $"Liste d'attente pour la demande de {child.ChildName} (Matin)"));

        Assert.Equal([$"{child.ChildName}, Matin du {Day(day)} : Seule une demande de réservation envoyée peut être validée, mise en liste d'attente ou refusée."], Results(page));
        Assert.Equal(ReservationState.Free, await StateAsync(factory, child, matin, day));
    }

    [Theory]
    [InlineData("activite=pas-un-id", "Choisissez une activité de la liste.")]
    [InlineData("date=32/13/2026", "Saisissez la date au format jj/mm/aaaa, par exemple 09/12/2026.")]
    [InlineData("date=09/12/2026", "Choisissez une activité.")]
    public async Task AWrongChoice_GetsAFrenchMessage_NeverAnError(string query, string message)
    {
        using var agent = await AgentAsync(factory);

        var page = await agent.GetAsync($"/gestion/reservations?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Errors);
    }

    [Fact]
    public async Task AForgedDecision_GetsAFrenchMessage_AndChangesNothing()
    {
        using var agent = await AgentAsync(factory);
        var page = await agent.GetAsync("/gestion/reservations");

        var unknownAction = await agent.PostAsync("/gestion/reservations?handler=Decide", Form(page, ("ligne", $"Supprimer:{Guid.NewGuid()}")));
        var badId = await agent.PostAsync("/gestion/reservations?handler=Decide", Form(page, ("ligne", "Confirm:abc")));
        var unknownId = await agent.FollowAsync(await agent.PostAsync("/gestion/reservations?handler=Decide", Form(page, ("ligne", $"Confirm:{Guid.NewGuid()}"))));

        Assert.Equal(HttpStatusCode.OK, unknownAction.Status);
        Assert.Contains("Cette décision n'est pas reconnue : rechargez la page et recommencez.", unknownAction.Errors);
        Assert.Contains("Cette décision n'est pas reconnue : rechargez la page et recommencez.", badId.Errors);
        Assert.Equal(HttpStatusCode.OK, unknownId.Status);
        Assert.Contains("Une des réservations choisies n'existe pas.", Results(unknownId));
    }

    private static List<KeyValuePair<string, string>> Form(HtmlPage page, params (string Name, string Value)[] fields)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
    }
}
