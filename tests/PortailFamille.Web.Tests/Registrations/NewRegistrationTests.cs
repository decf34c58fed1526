using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Tests.Infrastructure;
using static PortailFamille.Web.Tests.Registrations.RegistrationTestData;

namespace PortailFamille.Web.Tests.Registrations;

public sealed class NewRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IReadOnlyList<string> Options(HtmlPage page, string selectId) =>
        [.. page.Document.QuerySelectorAll($"#{selectId} option").Select(o => o.TextContent.Trim()).Where(t => !t.StartsWith('—'))];

    private static string Value(HtmlPage page, string id) => ((IHtmlInputElement)page.Document.GetElementById(id)!).Value;

    private async Task<(TestAccount Account, Guid ChildId, PortalClient Client)> FamilyWithChildAsync(int age, string firstName = "Jules")
    {
        var account = await TestData.CreateFamilyAsync(factory, "Durand", (firstName, BornYearsAgo(factory, age)));
        var client = factory.NewClient();
        await client.SignInFamilyAsync(account.Email, account.Password);
        return (account, await ChildOfAsync(factory, account), client);
    }

    [Fact]
    public async Task Wizard_WithoutJavaScript_FillsEachListFromThePreviousChoice_AndPrefillsTheDates()
    {
        var (_, childId, client) = await FamilyWithChildAsync(7);
        using var _client = client;
        var wednesday = await OfferAsync(factory, "ALSH mercredi");
        var url = $"/famille/inscriptions/nouvelle?enfant={childId}";

        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Demander une nouvelle inscription", page.Text);
        Assert.Equal(["ACCUEIL PÉRISCOLAIRE", "CENTRE DE LOISIRS", "RESTAURANT SCOLAIRE"], Options(page, "Input_FacilityId"));
        Assert.Empty(Options(page, "Input_ActivityTypeId"));
        Assert.Contains("Choix de l'équipement*", page.Document.QuerySelector("label[for=Input_FacilityId]")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/nouvelle-inscription.js'][defer]"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));

        page = await client.PressAsync(page, "Choisir l'équipement", new Dictionary<string, string> { ["Input.FacilityId"] = wednesday.FacilityId.ToString() });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Errors);
        Assert.Equal(["ALSH"], Options(page, "Input_ActivityTypeId"));
        Assert.Empty(Options(page, "Input_ActivityId"));

        page = await client.PressAsync(page, "Choisir le type d'activité", new Dictionary<string, string> { ["Input.ActivityTypeId"] = wednesday.ActivityTypeId.ToString() });
        Assert.Equal(["ALSH mercredi", "ALSH vacances"], Options(page, "Input_ActivityId"));
        Assert.Empty(Options(page, "Input_PeriodId"));

        page = await client.PressAsync(page, "Choisir l'activité", new Dictionary<string, string> { ["Input.ActivityId"] = wednesday.Activity.Id.ToString() });
        Assert.Equal([$"{wednesday.Period.Label} (du {Day(wednesday.Period.Start)} au {Day(wednesday.Period.End)})"], Options(page, "Input_PeriodId"));
        // The semaine type: the activity's days × its units, each box named for a screen reader.
        var table = page.Document.QuerySelector("table.week-table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(["Jours", "Matin", "Repas", "Après-midi"], table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent.Trim()));
        Assert.Equal(["Mercredi"], table.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()));
        var boxes = table.QuerySelectorAll("input[type=checkbox]").ToList();
        Assert.Equal(3, boxes.Count);
        Assert.Equal("Mercredi, Repas", page.Document.QuerySelector($"label[for='{boxes[1].Id}']")!.TextContent.Trim());

        page = await client.PressAsync(page, "Choisir la période", new Dictionary<string, string> { ["Input.PeriodId"] = wednesday.Period.Id.ToString() });
        // From the first day the child can still be booked, never a day already gone.
        var first = await FirstBookableDayAsync(factory, wednesday);
        Assert.True(first >= factory.Clock.Today);
        Assert.Equal(Day(first), Value(page, "Input_Start"));
        Assert.Equal(Day(wednesday.Period.End), Value(page, "Input_End"));
        Assert.Contains("(format jj/mm/aaaa)", page.Document.QuerySelector("label[for=Input_Start]")!.TextContent);

        // A change higher up empties the lists below it.
        var changed = await client.PressAsync(page, "Choisir l'équipement", new Dictionary<string, string> { ["Input.FacilityId"] = (await OfferAsync(factory, "Restaurant scolaire")).FacilityId.ToString() });
        Assert.Equal(["Restauration"], Options(changed, "Input_ActivityTypeId"));
        Assert.Empty(Options(changed, "Input_ActivityId"));
        Assert.Null(changed.Document.QuerySelector("table.week-table"));
    }

    [Fact]
    public async Task Request_WithASemaineType_IsSaved_Mailed_AndListedAsWaiting()
    {
        var (account, childId, client) = await FamilyWithChildAsync(7, "Nina");
        using var _client = client;
        var wednesday = await OfferAsync(factory, "ALSH mercredi");
        var url = $"/famille/inscriptions/nouvelle?enfant={childId}";
        var page = await client.GetAsync(url);
        page = await client.PressAsync(page, "Choisir la période", wednesday.Form(string.Empty, string.Empty));
        var matin = wednesday.Activity.Units.Single(u => u.Name == "Matin");
        var repas = wednesday.Activity.Units.Single(u => u.Name == "Repas");
        foreach (var unit in new[] { matin, repas })
        {
            ((IHtmlInputElement)page.Document.QuerySelector($"input[value='Wednesday:{unit.Id:D}']")!).IsChecked = true;
        }

        var saved = await client.PressAsync(page, "Enregistrer la demande");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal($"/famille/inscriptions?enfant={childId}#en-attente", saved.Location);
        var registration = await factory.WithDbAsync(db => db.Registrations.SingleAsync(r => r.ChildId == childId));
        Assert.Equal(account.FamilyId, registration.FamilyId);
        Assert.Equal(RegistrationStatus.Requested, registration.Status);
        var first = await FirstBookableDayAsync(factory, wednesday);
        Assert.Equal((first, wednesday.Period.End), (registration.Start, registration.End));
        Assert.True(registration.Pattern.Contains(DayOfWeek.Wednesday, matin.Id));
        Assert.True(registration.Pattern.Contains(DayOfWeek.Wednesday, repas.Id));
        Assert.Equal(2, registration.Pattern.Slots.Count);

        var list = await client.GetAsync($"/famille/inscriptions?enfant={childId}");
        Assert.Contains("est enregistrée : elle est en attente de validation par le service.", list.Text);
        var waiting = list.Document.GetElementById("en-attente")!.ParentElement!;
        Assert.Contains("?", waiting.QuerySelector("tbody tr [aria-hidden=true]")!.TextContent);
        Assert.Contains(wednesday.Period.Label, waiting.TextContent);

        var mail = await factory.Smtp.WaitForMessageAsync(account.Email, m => m.Subject?.Contains("Votre demande d'inscription est enregistrée", StringComparison.Ordinal) == true);
        var body = mail.TextBody ?? string.Empty;
        Assert.Contains("Nina", body);
        Assert.Contains("ALSH mercredi", body);
        Assert.Contains(wednesday.Period.Label, body);
        Assert.Contains($"du {Day(first)} au {Day(wednesday.Period.End)}", body);
        Assert.Contains("Mercredi (Matin, Repas)", body);
        Assert.Contains("en attente de validation par le service", body);
        var history = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == account.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, h => h.StartsWith($"Demande d'inscription de Nina à ALSH mercredi ({wednesday.Period.Label})", StringComparison.Ordinal));

        // Asking again for the same activity and period is refused, pointing to "Mes réservations".
        var again = await client.SubmitAsync(url, wednesday.Form(Day(wednesday.Period.Start), Day(wednesday.Period.End)));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Empty(again.Errors);
        var notice = again.Document.GetElementById("deja-inscrit")!;
        Assert.Equal(
            $"Nina a déjà une demande d'inscription à {wednesday.Period.Label}, en attente de validation par le service. Un enfant n'a qu'une inscription par activité et par période : une fois la demande validée, ajoutez des jours depuis « Mes réservations ».",
            notice.QuerySelector("p")!.TextContent);
        Assert.Equal($"/famille/inscriptions?enfant={childId:D}#en-attente", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }

    [Fact]
    public async Task Duplicate_OfAValidatedRegistration_PointsToMesReservations()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        var lea = await DemoChildAsync(factory, "Léa");
        var canteen = await OfferAsync(factory, "Restaurant scolaire");
        var before = await factory.WithDbAsync(db => db.Registrations.CountAsync());

        var page = await client.SubmitAsync($"/famille/inscriptions/nouvelle?enfant={lea}", canteen.Form(Day(canteen.Period.Start), Day(canteen.Period.End)));

        // Said once, as the service's rule: no "Le formulaire contient des erreurs", the
        // activity named once (the demo's period is named after it).
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Errors);
        Assert.DoesNotContain("Le formulaire contient des erreurs", page.Text);
        var notice = page.Document.GetElementById("deja-inscrit")!;
        var message = notice.QuerySelector("p")!.TextContent;
        Assert.Equal(
            $"Léa a déjà une inscription à {canteen.Period.Label}. Un enfant n'a qu'une inscription par activité et par période : pour ajouter des jours, passez par « Mes réservations ».",
            message);
        Assert.Single(page.Document.QuerySelectorAll("p, li"), e => e.TextContent.Contains("a déjà une inscription", StringComparison.Ordinal));
        var link = notice.QuerySelector("a")!;
        Assert.Equal("Mes réservations", link.TextContent);
        var registrationId = await factory.WithDbAsync(db => db.Registrations
            .Where(r => r.ChildId == lea && r.ActivityId == canteen.Activity.Id && r.Status == RegistrationStatus.Validated).Select(r => r.Id).SingleAsync());
        Assert.Equal($"/famille/reservations/{registrationId:D}", link.GetAttribute("href"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Registrations.CountAsync()));
    }

    public static TheoryData<string, string, string, string> WrongDates => new()
    {
        { "outside", "-1", "0", "La date de début doit être comprise entre le" },
        { "endBeforeStart", "10", "5", "La date de fin ne peut pas précéder la date de début" },
        { "unreadableStart", "2026-09-01", "0", "Saisissez la date de début au format jj/mm/aaaa" },
        { "unreadableEnd", "0", "31/02/2027", "Saisissez la date de fin au format jj/mm/aaaa" },
    };

    [Theory]
    [MemberData(nameof(WrongDates))]
    public async Task WrongDates_AreRefused_OnTheirField_AndNothingIsSaved(string caseName, string start, string end, string message)
    {
        Assert.NotEmpty(caseName);
        var (_, childId, client) = await FamilyWithChildAsync(7);
        using var _client = client;
        var canteen = await OfferAsync(factory, "Restaurant scolaire");
        // A number is a shift in days from the period's start; anything else is typed as is.
        string Typed(string value) => int.TryParse(value, out var days) ? Day(canteen.Period.Start.AddDays(days)) : value;

        var page = await client.SubmitAsync($"/famille/inscriptions/nouvelle?enfant={childId}", canteen.Form(Typed(start), Typed(end)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.Document.QuerySelectorAll(".alert--error li"), li => li.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Contains(page.Document.QuerySelectorAll(".field-error"), e => e.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Equal(Typed(start), Value(page, "Input_Start"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }

    [Fact]
    public async Task ClosedRequestWindow_IsRefused()
    {
        var (_, childId, client) = await FamilyWithChildAsync(7);
        using var _client = client;
        var care = await OfferAsync(factory, "Périscolaire");
        var today = factory.Clock.Today;
        var closed = Period.Create(care.Activity.Id, "Périscolaire fermé", today.AddDays(-30), today.AddDays(100), today.AddDays(-30), today.AddDays(-2)).Value;
        await factory.WithDbAsync(db =>
        {
            db.Periods.Add(closed);
            return db.SaveChangesAsync();
        });

        var form = care.Form(Day(today.AddDays(1)), Day(today.AddDays(20)));
        form["Input.PeriodId"] = closed.Id.ToString();
        var page = await client.SubmitAsync($"/famille/inscriptions/nouvelle?enfant={childId}", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.Errors, e => e.StartsWith("Les inscriptions pour cette période sont closes depuis le", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }

    [Fact]
    public async Task ChildTooOld_IsRefused_WithTheAgeLimits()
    {
        var (_, childId, client) = await FamilyWithChildAsync(14, "Tom");
        using var _client = client;
        var wednesday = await OfferAsync(factory, "ALSH mercredi");

        var page = await client.SubmitAsync($"/famille/inscriptions/nouvelle?enfant={childId}", wednesday.Form(Day(wednesday.Period.Start), Day(wednesday.Period.End)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.Errors, e => e.StartsWith("ALSH mercredi accueille les enfants de 3 à 12 ans : Tom a ", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }

    [Fact]
    public async Task MissingChoices_AreAskedFor()
    {
        var (_, childId, client) = await FamilyWithChildAsync(7);
        using var _client = client;

        var page = await client.PressAsync(await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={childId}"), "Enregistrer la demande");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Choisissez l'équipement.", page.Errors);
        Assert.NotNull(page.Document.QuerySelector(".alert--error a[href='#Input_FacilityId']"));
    }

    [Fact]
    public async Task ABoxOfADayTheActivityDoesNotRun_IsRefused()
    {
        var (_, childId, client) = await FamilyWithChildAsync(7);
        using var _client = client;
        var wednesday = await OfferAsync(factory, "ALSH mercredi");
        var fields = wednesday.Form(Day(wednesday.Period.Start), Day(wednesday.Period.End)).ToList();
        fields.Add(new("Input.Slots", $"Monday:{wednesday.Activity.Units[0].Id:D}"));
        var form = await client.GetAsync($"/famille/inscriptions/nouvelle?enfant={childId}");
        fields.Add(new("__RequestVerificationToken", ((IHtmlInputElement)form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!).Value));

        var page = await client.PostAsync($"/famille/inscriptions/nouvelle?enfant={childId}", fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("ALSH mercredi n'a pas lieu le lundi : décochez ce jour dans la semaine type.", page.Errors);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Registrations.CountAsync(r => r.ChildId == childId)));
    }
}
