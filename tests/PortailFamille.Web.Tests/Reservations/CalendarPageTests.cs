using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Reservations.CalendarTestData;

namespace PortailFamille.Web.Tests.Reservations;

/// <summary>
/// "Mes réservations" as the demo family sees it on Wednesday 13 January 2027 at 10:00: the
/// month grid (docs/product.md 3.6), its navigation, legend and deadlines, and the link from "Mes
/// inscriptions". Read-only: the moves are in <see cref="CalendarBookingTests"/>.
/// </summary>
public sealed class CalendarPageTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    [Fact]
    public async Task LeasCanteen_ShowsThisMonth_DaysAsColumnsWithTheirLetter_UnitsAsRows()
    {
        var lea = await LeaCanteenAsync(factory);
        using var client = await SignedInAsync(factory, lea.Account);
        var repas = lea.Unit("Repas");

        var page = await client.GetAsync(lea.Url());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Mes réservations — Léa", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("RESTAURANT SCOLAIRE", page.Document.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Inscription du 01/09/2026 au 03/07/2027", page.Document.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Réservations de Léa — Restaurant scolaire — janvier 2027", page.Document.QuerySelector("table caption")!.TextContent.Trim());
        var headers = page.Document.QuerySelectorAll("thead th[scope=col]").Skip(1).ToList();
        Assert.Equal(31, headers.Count);
        Assert.Equal(("01", "V"), (headers[0].QuerySelector(".day__number")!.TextContent, headers[0].QuerySelector(".day__letter")!.TextContent));
        Assert.Equal("LMMJVSD", string.Concat(headers.Skip(3).Take(7).Select(h => h.QuerySelector(".day__letter")!.TextContent)));
        // Each open day's header tells a screen reader until when it can be changed.
        Assert.Equal("vendredi 15/01/2027, modifiable jusqu'au mer. 13/01 à 23:59", headers[14].QuerySelector(".visually-hidden")!.TextContent.Trim());
        Assert.Equal(["Repas"], page.Document.QuerySelectorAll("tbody th[scope=row] .unit__name").Select(th => th.TextContent.Trim()));

        Assert.Equal("vendredi 01/01/2027, Repas : Case grisée (jour fermé)", CellText(page, new DateOnly(2027, 1, 1), repas));
        Assert.Equal("mercredi 06/01/2027, Repas : Case grisée (jour fermé)", CellText(page, new DateOnly(2027, 1, 6), repas));
        Assert.Equal("lundi 11/01/2027, Repas : Case grisée (hors délai)", CellText(page, new DateOnly(2027, 1, 11), repas));
        Assert.Equal("jeudi 14/01/2027, Repas : Case grisée (hors délai)", CellText(page, new DateOnly(2027, 1, 14), repas));
        Assert.Equal("HD", Cell(page, new DateOnly(2027, 1, 14), repas).QuerySelector(".cell__code")!.TextContent);
        Assert.Null(Cell(page, new DateOnly(2027, 1, 14), repas).QuerySelector("input"));
        Assert.Equal("vendredi 15/01/2027, Repas : Case libre — cocher pour demander ce jour", CellText(page, new DateOnly(2027, 1, 15), repas));
        var box = Cell(page, new DateOnly(2027, 1, 15), repas).QuerySelector("input[type=checkbox][name=cases]")!;
        Assert.Equal(Value(new DateOnly(2027, 1, 15), repas, ReservationState.Free), box.GetAttribute("value"));
        Assert.Equal(box.Id, box.ParentElement!.GetAttribute("for"));

        // The deadlines, visible under the grid.
        var deadlines = page.Document.QuerySelectorAll(".deadlines li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("vendredi 15/01/2027 : modifiable jusqu'au mer. 13/01 à 23:59", deadlines);
        Assert.Contains("jeudi 14/01/2027 : hors délai (modifiable jusqu'au mar. 12/01 à 23:59)", deadlines);
        Assert.DoesNotContain(deadlines, d => d.StartsWith("mercredi", StringComparison.Ordinal));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/reservations.js']"));
        Assert.Null(page.Document.QuerySelector("script:not([src])"));
    }

    [Fact]
    public async Task TheLegend_HasEveryState_WithItsFrenchLabel()
    {
        var lea = await LeaCanteenAsync(factory);
        using var client = await SignedInAsync(factory, lea.Account);

        var page = await client.GetAsync(lea.Url());

        var legend = page.Document.QuerySelectorAll(".legend li").Select(li => li.LastElementChild!.TextContent.Trim()).ToList();
        Assert.Equal(
            [
                "Case libre",
                "Demande de réservation (non encore envoyée)",
                "Demande de réservation envoyée (en attente d'acceptation)",
                "Réservation validée",
                "Demande de réservation en attente (liste d'attente)",
                "Demande refusée",
                "Demande d'annulation (non encore envoyée)",
                "Demande d'annulation envoyée",
                "Demande d'annulation en attente / refusée : l'enfant reste inscrit",
                "Case grisée (jour non disponible : hors délai, jour fermé, hors inscription)",
            ],
            legend);
        Assert.All(page.Document.QuerySelectorAll(".legend__swatch"), s => Assert.Equal("true", s.GetAttribute("aria-hidden")));
    }

    [Fact]
    public async Task AlshMercredi_HasItsThreeUnitsAsRows()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var hugoWednesday = await factory.WithDbAsync(db => (
            from r in db.Registrations
            join a in db.Activities on r.ActivityId equals a.Id
            where a.Name == "ALSH mercredi"
            select r.Id).SingleAsync());

        var page = await client.GetAsync($"/famille/reservations/{hugoWednesday}");

        Assert.Equal(["Matin", "Repas", "Après-midi"], page.Document.QuerySelectorAll("tbody th[scope=row] .unit__name").Select(th => th.TextContent.Trim()));
        Assert.Contains("Hugo", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthNavigation_StaysInsideTheRegistration_AndABadMonthShowsTheDefault()
    {
        var lea = await LeaCanteenAsync(factory);
        using var client = await SignedInAsync(factory, lea.Account);

        var january = await client.GetAsync(lea.Url());
        Assert.Equal(lea.Url("2026-12"), Link(january, "Mois précédent"));
        Assert.Equal(lea.Url("2027-02"), Link(january, "Mois suivant"));

        var september = await client.GetAsync(lea.Url("2026-09"));
        Assert.Null(Link(september, "Mois précédent"));
        Assert.Equal(lea.Url("2026-10"), Link(september, "Mois suivant"));
        Assert.Equal("Septembre 2026", september.Document.GetElementById("mois-affiche")!.TextContent.Trim());

        var july = await client.GetAsync(lea.Url("2027-07"));
        Assert.Null(Link(july, "Mois suivant"));
        Assert.Equal(31, july.Document.QuerySelectorAll("thead th[scope=col]").Length - 1);

        foreach (var bad in new[] { "n'importe", "2027-13", "%00", "9999-99" })
        {
            var page = await client.GetAsync(lea.Url(Uri.EscapeDataString(bad)));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("Janvier 2027", page.Document.GetElementById("mois-affiche")!.TextContent.Trim());
        }

        var later = await client.GetAsync(lea.Url("2031-05"));
        Assert.Equal("Juillet 2027", later.Document.GetElementById("mois-affiche")!.TextContent.Trim());
    }

    [Fact]
    public async Task MesInscriptions_LinksToMesReservations_AndTheCalendarLinksBack()
    {
        var lea = await LeaCanteenAsync(factory);
        using var client = await SignedInAsync(factory, lea.Account);

        var registrations = await client.GetAsync($"/famille/inscriptions?enfant={lea.ChildId}");
        var link = registrations.Document.GetElementById("en-cours")!.ParentElement!.QuerySelector("a[href^='/famille/reservations/']")!;
        Assert.Equal("Mes réservations", link.TextContent.Trim());
        Assert.Equal(lea.Url(), link.GetAttribute("href"));

        var calendar = await client.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, calendar.Status);
        Assert.NotNull(calendar.Document.QuerySelector($"nav.breadcrumb a[href='/famille/inscriptions?enfant={lea.ChildId}']"));
        Assert.Equal("page", calendar.Document.QuerySelector("nav.breadcrumb [aria-current]")!.GetAttribute("aria-current"));
    }

    private static string? Link(HtmlPage page, string text) =>
        page.Document.QuerySelectorAll(".month-nav a").FirstOrDefault(a => a.TextContent.Contains(text, StringComparison.Ordinal))?.GetAttribute("href");
}
