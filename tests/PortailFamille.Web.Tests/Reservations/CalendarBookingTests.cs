using System.Net;
using PortailFamille.Domain.Reservations;
using static PortailFamille.Web.Tests.Reservations.CalendarTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// A family's moves on "Mes réservations" on Wednesday 13 January 2027 at 10:00, with the form
/// without JavaScript and with the script's handler. Each test has a family of its own, so the
/// days it changes are its own.
/// </summary>
public sealed class CalendarBookingTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private static readonly DateOnly Thursday21 = new(2027, 1, 21);
    private static readonly DateOnly Friday22 = new(2027, 1, 22);
    private static readonly DateOnly Monday25 = new(2027, 1, 25);
    private static readonly DateOnly Wednesday20 = new(2027, 1, 20);

    [Fact]
    public async Task WithoutJavaScript_TickingAFreeDay_AsksForIt_AndTickingAgain_WithdrawsIt()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        var asked = await TickAndSaveAsync(client, page, Value(Thursday21, repas, ReservationState.Free));

        Assert.Equal("Jeudi 21 janvier, Repas : demandé.", Notice(asked));
        Assert.Equal("status", asked.Document.GetElementById("resultat")!.GetAttribute("role"));
        Assert.Equal("jeudi 21/01/2027, Repas : Demande de réservation (non encore envoyée) — cocher pour retirer la demande", CellText(asked, Thursday21, repas));
        Assert.Contains("cell--requested", Cell(asked, Thursday21, repas).ClassList);
        Assert.Equal("D", Cell(asked, Thursday21, repas).QuerySelector(".cell__code")!.TextContent);
        Assert.Equal(ReservationState.Requested, await StateAsync(factory, zoe, Thursday21, repas));
        var cell = Assert.Single(await CellsAsync(factory, zoe));
        Assert.Equal(zoe.RegistrationId, cell.RegistrationId);

        var withdrawn = await TickAndSaveAsync(client, asked, Value(Thursday21, repas, ReservationState.Requested));

        Assert.Equal("Jeudi 21 janvier, Repas : demande retirée.", Notice(withdrawn));
        Assert.Equal("jeudi 21/01/2027, Repas : Case libre — cocher pour demander ce jour", CellText(withdrawn, Thursday21, repas));
        Assert.Equal(ReservationState.Free, await StateAsync(factory, zoe, Thursday21, repas));
    }

    [Fact]
    public async Task WithoutJavaScript_SeveralTickedDays_AreCountedAndEachNamedByItsDayAndUnit()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        var asked = await TickAndSaveAsync(client, page, Value(Friday22, repas, ReservationState.Free), Value(Thursday21, repas, ReservationState.Free));

        var result = asked.Document.GetElementById("resultat")!;
        Assert.Equal("2 jours demandés.", result.QuerySelector("p")!.TextContent.Trim());
        Assert.Equal(
            ["Jeudi 21 janvier, Repas : demandé", "Vendredi 22 janvier, Repas : demandé"],
            result.QuerySelectorAll("ul.changes li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task TheSaveComesBackToTheSameMonth()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var march = await client.GetAsync(zoe.Url("2027-03"));

        var posted = await PostGridAsync(client, march, Value(new DateOnly(2027, 3, 4), repas, ReservationState.Free));

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(zoe.Url("2027-03") + "#resultat", posted.Location);
        var after = await client.FollowAsync(posted);
        Assert.Contains("Demande de réservation (non encore envoyée)", CellText(after, new DateOnly(2027, 3, 4), repas), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithJavaScript_AClick_IsSavedAtOnce_AndAnswersTheNewCell()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());
        Assert.Equal(zoe.Url("2027-01") + "&handler=Case", page.Document.GetElementById("calendrier")!.GetAttribute("data-case-url"));

        var (status, answer) = await ClickAsync(client, zoe.Url("2027-01"), Token(page), Value(Friday22, repas, ReservationState.Free));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("Enregistré : Vendredi 22 janvier, Repas : demandé.", answer.GetProperty("message").GetString());
        var cell = answer.GetProperty("cell");
        Assert.Equal("Demande de réservation (non encore envoyée)", cell.GetProperty("text").GetString());
        Assert.Equal("cell--requested", cell.GetProperty("cssClass").GetString());
        Assert.Equal("D", cell.GetProperty("code").GetString());
        Assert.Equal("retirer la demande", cell.GetProperty("verb").GetString());
        Assert.Equal(Value(Friday22, repas, ReservationState.Requested), cell.GetProperty("value").GetString());
        Assert.Equal("vendredi 22/01/2027, Repas : Demande de réservation (non encore envoyée) — appuyer pour retirer la demande", cell.GetProperty("buttonLabel").GetString());
        Assert.Equal(ReservationState.Requested, await StateAsync(factory, zoe, Friday22, repas));

        var (_, back) = await ClickAsync(client, zoe.Url("2027-01"), Token(page), cell.GetProperty("value").GetString()!);

        Assert.Equal("Case libre", back.GetProperty("cell").GetProperty("text").GetString());
        Assert.Equal("Enregistré : Vendredi 22 janvier, Repas : demande retirée.", back.GetProperty("message").GetString());
        Assert.Equal(ReservationState.Free, await StateAsync(factory, zoe, Friday22, repas));

        // A tampered value is answered, never a 500, and nothing is saved.
        var (bad, refusal) = await ClickAsync(client, zoe.Url(), Token(page), "2027-01-22|pas-un-guid|0");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.False(refusal.GetProperty("ok").GetBoolean());
        Assert.Equal(ReservationState.Free, await StateAsync(factory, zoe, Friday22, repas));
    }

    [Fact]
    public async Task AConfirmedDay_CanBeAskedToBeCancelled_AndTheCancellationWithdrawn()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        await ConfirmAsync(factory, zoe, Monday25, repas);
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());
        Assert.Equal("lundi 25/01/2027, Repas : Réservation validée — cocher pour demander l'annulation", CellText(page, Monday25, repas));
        Assert.Contains("cell--confirmed", Cell(page, Monday25, repas).ClassList);

        var asked = await TickAndSaveAsync(client, page, Value(Monday25, repas, ReservationState.Confirmed));

        Assert.Equal("Lundi 25 janvier, Repas : annulation demandée.", Notice(asked));
        Assert.Equal("lundi 25/01/2027, Repas : Demande d'annulation (non encore envoyée) — cocher pour retirer la demande d'annulation", CellText(asked, Monday25, repas));
        Assert.Equal(ReservationState.CancellationRequested, await StateAsync(factory, zoe, Monday25, repas));

        var withdrawn = await TickAndSaveAsync(client, asked, Value(Monday25, repas, ReservationState.CancellationRequested));

        Assert.Equal("Lundi 25 janvier, Repas : demande d'annulation retirée, le jour reste réservé.", Notice(withdrawn));
        Assert.Equal("lundi 25/01/2027, Repas : Réservation validée — cocher pour demander l'annulation", CellText(withdrawn, Monday25, repas));
        Assert.Equal(ReservationState.Confirmed, await StateAsync(factory, zoe, Monday25, repas));
    }

    [Fact]
    public async Task AClosedDay_IsGrey_AndAForgedTickOnItIsRefused_JourFerme()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());
        Assert.Equal("mercredi 20/01/2027, Repas : Case grisée (jour fermé)", CellText(page, Wednesday20, repas));
        Assert.Contains("cell--grey", Cell(page, Wednesday20, repas).ClassList);

        var refused = await TickAndSaveAsync(client, page, Value(Wednesday20, repas, ReservationState.Free));

        Assert.Equal("alert", refused.Document.GetElementById("resultat")!.GetAttribute("role"));
        Assert.Equal(["mercredi 20/01/2027, Repas : jour non disponible (jour fermé)."], Refusals(refused));
        Assert.Empty(await CellsAsync(factory, zoe));
    }

    [Fact]
    public async Task SemaineType_ToTheMonth_AsksEveryDayOfThePatternStillOpen_AndLeavesOutTheLateOnes()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        var posted = await client.PressAsync(page, "Appliquer ma semaine type à ce mois");
        var after = await client.FollowAsync(posted);

        // From today, Wednesday 13: Thursday 14 is past its deadline and left out (the family
        // did not pick it); Friday 15 to Friday 29, Mon Tue Thu Fri, are asked.
        Assert.Equal("Semaine type appliquée à janvier 2027 : 9 jours demandés.", after.Document.QuerySelector("#resultat p")!.TextContent.Trim());
        Assert.Empty(Refusals(after));
        DateOnly[] expected = [new(2027, 1, 15), new(2027, 1, 18), new(2027, 1, 19), new(2027, 1, 21), new(2027, 1, 22), new(2027, 1, 25), new(2027, 1, 26), new(2027, 1, 28), new(2027, 1, 29)];
        var cells = await CellsAsync(factory, zoe);
        Assert.Equal(expected, cells.Where(c => c.State == ReservationState.Requested).Select(c => c.Date).Order());
        Assert.All(cells, c => Assert.Equal(repas, c.UnitId));

        // Again: nothing new to ask.
        var again = await client.FollowAsync(await client.PressAsync(after, "Appliquer ma semaine type à ce mois"));
        Assert.StartsWith("Semaine type appliquée à janvier 2027 : ", again.Document.QuerySelector("#resultat p")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(9, (await CellsAsync(factory, zoe)).Count(c => c.State == ReservationState.Requested));
    }

    [Fact]
    public async Task SemaineType_ToTheWholeRegistration_AsksTheRestOfTheYear()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        var after = await client.FollowAsync(await client.PressAsync(page, "Appliquer ma semaine type à toute l'inscription"));

        var requested = (await CellsAsync(factory, zoe)).Where(c => c.State == ReservationState.Requested).ToList();
        Assert.True(requested.Count > 60, $"{requested.Count} jours");
        Assert.Equal(new DateOnly(2027, 7, 2), requested.Max(c => c.Date));
        Assert.DoesNotContain(requested, c => c.Date.DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Saturday or DayOfWeek.Sunday);
        // No school holidays: the canteen runs on school days only (winter break from 6 February).
        Assert.DoesNotContain(requested, c => c.Date >= new DateOnly(2027, 2, 8) && c.Date <= new DateOnly(2027, 2, 19));
        Assert.StartsWith($"Semaine type appliquée à toute l'inscription : {requested.Count} jours demandés.", after.Document.QuerySelector("#resultat p")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WholeDay_AndWholeRow_AskEveryFreeCell()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Périscolaire", semaineType: false);
        var matin = zoe.Unit("Matin");
        var soir = zoe.Unit("Accueil du soir");
        using var client = await SignedInAsync(factory, zoe.Account);
        var page = await client.GetAsync(zoe.Url());

        // No semaine type: its buttons are replaced by a sentence.
        Assert.Null(page.Document.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Contains("semaine type", StringComparison.Ordinal)));
        Assert.Contains("Votre inscription n'a pas de semaine type", page.Document.GetElementById("semaine-type")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var row = await client.FollowAsync(await client.PressAsync(page, "Toute la ligne Matin"));

        Assert.Equal("Toute la ligne « Matin » de janvier 2027 : 9 jours demandés.", row.Document.QuerySelector("#resultat p")!.TextContent.Trim());
        Assert.Empty(Refusals(row));
        var cells = await CellsAsync(factory, zoe);
        Assert.Equal(9, cells.Count(c => c.UnitId == matin && c.State == ReservationState.Requested));
        Assert.DoesNotContain(cells, c => c.UnitId == soir);

        var day = await client.FollowAsync(await client.PressAsync(row, "Tout le jour du jeudi 21/01/2027"));

        // Matin was already asked for: only the evening is new.
        Assert.Equal("Tout le jour du jeudi 21/01/2027 : 1 jour demandé.", day.Document.QuerySelector("#resultat p")!.TextContent.Trim());
        Assert.Equal(ReservationState.Requested, await StateAsync(factory, zoe, Thursday21, soir));
        Assert.Equal(ReservationState.Requested, await StateAsync(factory, zoe, Thursday21, matin));
        // Past the deadline no "Tout le jour" button is offered.
        Assert.Null(page.Document.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Contains("14/01/2027", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AStalePage_IsRefused_AndChangesNothing()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var firstTab = await SignedInAsync(factory, zoe.Account);
        using var secondTab = await SignedInAsync(factory, zoe.Account);
        var stale = await firstTab.GetAsync(zoe.Url());
        await TickAndSaveAsync(secondTab, await secondTab.GetAsync(zoe.Url()), Value(Thursday21, repas, ReservationState.Free));

        // The first tab still shows a free day: its tick would withdraw nothing, nor ask twice.
        var refused = await TickAndSaveAsync(firstTab, stale, Value(Thursday21, repas, ReservationState.Free));

        Assert.Equal(["jeudi 21/01/2027, Repas : la case a changé entre-temps : elle est maintenant « Demande de réservation (non encore envoyée) »."], Refusals(refused));
        Assert.Equal("Aucune modification enregistrée.", refused.Document.QuerySelector("#resultat p")!.TextContent.Trim());
        var cell = Assert.Single(await CellsAsync(factory, zoe));
        Assert.Equal(ReservationState.Requested, cell.State);
        Assert.Single(cell.History);
        Assert.Contains("Demande de réservation (non encore envoyée)", CellText(refused, Thursday21, repas), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTabs_ClickingTheSameFreeDayAtOnce_MakeOneReservation_AndTheOtherIsToldClearly()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var firstTab = await SignedInAsync(factory, zoe.Account);
        using var secondTab = await SignedInAsync(factory, zoe.Account);
        var firstPage = await firstTab.GetAsync(zoe.Url());
        var secondPage = await secondTab.GetAsync(zoe.Url());
        DateOnly[] days = [new(2027, 1, 18), new(2027, 1, 19), Thursday21, Friday22, Monday25];

        foreach (var day in days)
        {
            var value = Value(day, repas, ReservationState.Free);
            var answers = await Task.WhenAll(
                ClickAsync(firstTab, zoe.Url(), Token(firstPage), value),
                ClickAsync(secondTab, zoe.Url(), Token(secondPage), value));

            Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            Assert.Single(answers, a => a.Status == HttpStatusCode.OK && a.Answer.GetProperty("ok").GetBoolean());
            var other = answers.Single(a => !(a.Status == HttpStatusCode.OK && a.Answer.GetProperty("ok").GetBoolean()));
            var message = other.Answer.GetProperty("message").GetString()!;
            Assert.True(
                message.Contains("a changé entre-temps", StringComparison.Ordinal) || message.Contains("modifiés par ailleurs", StringComparison.Ordinal),
                message);
        }

        var cells = await CellsAsync(factory, zoe);
        Assert.Equal(days, cells.Select(c => c.Date).Order());
        Assert.All(cells, c => Assert.Equal(ReservationState.Requested, c.State));
    }

    [Fact]
    public async Task TwoTabs_SavingTheSameFormAtOnce_NeverFail()
    {
        var zoe = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = zoe.Unit("Repas");
        using var firstTab = await SignedInAsync(factory, zoe.Account);
        using var secondTab = await SignedInAsync(factory, zoe.Account);
        var firstPage = await firstTab.GetAsync(zoe.Url());
        var secondPage = await secondTab.GetAsync(zoe.Url());
        var value = Value(new DateOnly(2027, 1, 26), repas, ReservationState.Free);

        var posted = await Task.WhenAll(PostGridAsync(firstTab, firstPage, value), PostGridAsync(secondTab, secondPage, value));

        Assert.All(posted, p => Assert.Equal(HttpStatusCode.Redirect, p.Status));
        var pages = await Task.WhenAll(firstTab.FollowAsync(posted[0]), secondTab.FollowAsync(posted[1]));
        Assert.Single(pages, p => Notice(p) == "Mardi 26 janvier, Repas : demandé.");
        var cell = Assert.Single(await CellsAsync(factory, zoe));
        Assert.Equal(ReservationState.Requested, cell.State);
    }

    [Fact]
    public async Task AWaitlistedDay_ShowsItsPlaceInTheList_AndLeavingItMovesTheOthersUp()
    {
        var friday29 = new DateOnly(2027, 1, 29);
        var families = new List<TestRegistration>();
        for (var i = 0; i < 3; i++)
        {
            var family = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
            using var client = await SignedInAsync(factory, family.Account);
            await TickAndSaveAsync(client, await client.GetAsync(family.Url()), Value(friday29, family.Unit("Repas"), ReservationState.Free));
            // The list is kept in request order: one second between the requests.
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            families.Add(family);
        }

        // Waitlisted in the reverse order: the place follows the request, not the decision.
        foreach (var family in Enumerable.Reverse(families))
        {
            await WaitlistAsync(factory, family, friday29, family.Unit("Repas"));
        }

        var (first, third) = (families[0], families[2]);
        using var thirdClient = await SignedInAsync(factory, third.Account);
        var page = await thirdClient.GetAsync(third.Url());
        Assert.Equal("vendredi 29/01/2027, Repas : Demande de réservation en attente (liste d'attente) — n° 3 en liste d'attente — cocher pour quitter la liste d'attente", CellText(page, friday29, third.Unit("Repas")));
        Assert.Equal("n°3", Cell(page, friday29, third.Unit("Repas")).QuerySelector(".cell__code")!.TextContent);
        Assert.Contains("cell--waitlisted", Cell(page, friday29, third.Unit("Repas")).ClassList);

        using var firstClient = await SignedInAsync(factory, first.Account);
        var firstPage = await firstClient.GetAsync(first.Url());
        Assert.Contains("n° 1 en liste d'attente", CellText(firstPage, friday29, first.Unit("Repas")), StringComparison.Ordinal);
        var (_, left) = await ClickAsync(firstClient, first.Url(), Token(firstPage), Value(friday29, first.Unit("Repas"), ReservationState.Waitlisted));
        Assert.Equal("Case libre", left.GetProperty("cell").GetProperty("text").GetString());

        var after = await thirdClient.GetAsync(third.Url());
        Assert.Contains("n° 2 en liste d'attente", CellText(after, friday29, third.Unit("Repas")), StringComparison.Ordinal);
    }
}
