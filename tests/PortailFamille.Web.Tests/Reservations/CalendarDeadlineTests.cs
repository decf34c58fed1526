using PortailFamille.Domain.Reservations;
using static PortailFamille.Web.Tests.Reservations.CalendarTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>The portal on Wednesday 13 January 2027 at 23:58 in Paris, two minutes before the cut-off.</summary>
public sealed class WednesdayNightFactory : CalendarFactory
{
    protected override DateTime StartParisNow => new(2027, 1, 13, 23, 58, 0);
}

/// <summary>
/// The example of docs/product.md 4.1: "pour une réservation pour le vendredi faites votre
/// demande le mercredi au plus tard". On a fake clock, so the seconds are the real ones.
/// </summary>
public sealed class CalendarDeadlineTests(WednesdayNightFactory factory) : IClassFixture<WednesdayNightFactory>
{
    private static readonly DateOnly Friday15 = new(2027, 1, 15);

    [Fact]
    public async Task ForAFriday_WednesdayAt2358IsAccepted_ThursdayIsRefusedHorsDelai_AndTheCellTurnsGrey()
    {
        var early = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var late = await FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var repas = early.Unit("Repas");
        using var earlyClient = await SignedInAsync(factory, early.Account);
        using var lateClient = await SignedInAsync(factory, late.Account);
        var earlyPage = await earlyClient.GetAsync(early.Url());
        var latePage = await lateClient.GetAsync(late.Url());
        Assert.Equal("vendredi 15/01/2027, Repas : Case libre — cocher pour demander ce jour", CellText(latePage, Friday15, repas));
        Assert.Contains("vendredi 15/01/2027 : modifiable jusqu'au mer. 13/01 à 23:59", latePage.Document.QuerySelectorAll(".deadlines li").Select(li => li.TextContent.Trim()));

        // Wednesday 23:58: Wednesday, Thursday, Friday are three working days.
        var accepted = await TickAndSaveAsync(earlyClient, earlyPage, Value(Friday15, repas, ReservationState.Free));
        Assert.Equal("Vendredi 15 janvier, Repas : demandé.", Notice(accepted));
        Assert.Equal(ReservationState.Requested, await StateAsync(factory, early, Friday15, repas));

        // Thursday 00:01: the page loaded on Wednesday night is sent too late.
        factory.SetParisNow(new DateTime(2027, 1, 14, 0, 1, 0));
        var refused = await TickAndSaveAsync(lateClient, latePage, Value(Friday15, repas, ReservationState.Free));

        Assert.Equal(["vendredi 15/01/2027, Repas : Hors délai : les demandes pour le 15/01/2027 se faisaient jusqu'au 13/01/2027 à 23:59."], Refusals(refused));
        Assert.Empty(await CellsAsync(factory, late));
        Assert.Equal("vendredi 15/01/2027, Repas : Case grisée (hors délai)", CellText(refused, Friday15, repas));
        Assert.Null(Cell(refused, Friday15, repas).QuerySelector("input"));

        // The day asked on time keeps its colour, and can still be withdrawn: the service has not seen it.
        var earlyNow = await earlyClient.GetAsync(early.Url());
        Assert.Equal("vendredi 15/01/2027, Repas : Demande de réservation (non encore envoyée) — cocher pour retirer la demande", CellText(earlyNow, Friday15, repas));

        // The script's click is refused the same way, and answers the grey cell.
        var (_, click) = await ClickAsync(lateClient, late.Url(), Token(refused), Value(Friday15, repas, ReservationState.Free));
        Assert.False(click.GetProperty("ok").GetBoolean());
        Assert.Equal("Non enregistré : vendredi 15/01/2027, Repas : Hors délai : les demandes pour le 15/01/2027 se faisaient jusqu'au 13/01/2027 à 23:59.", click.GetProperty("message").GetString());
        Assert.Equal("Case grisée (hors délai)", click.GetProperty("cell").GetProperty("text").GetString());
        Assert.Equal("cell--grey", click.GetProperty("cell").GetProperty("cssClass").GetString());
        Assert.Equal(JsonValueKindNull, click.GetProperty("cell").GetProperty("verb").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
