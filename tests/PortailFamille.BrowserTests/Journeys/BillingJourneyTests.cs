using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PortailFamille.BrowserTests.Infrastructure;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Registrations;
using PortailFamille.Web.Infrastructure.Time;
using PortailFamille.Web.Tests.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;
using static Microsoft.Playwright.Assertions;
using CatalogueActivity = PortailFamille.Domain.Catalogue.Activity;

namespace PortailFamille.BrowserTests.Journeys;

/// <summary>
/// From the attendance sheet to the family's PDF, in a real browser (docs/product.md 3.7, 4.6
/// and 5): an agent marks a past day in Pointage, previews and issues last month in
/// Facturation, follows the run until it is over, opens the family's invoice and issues a
/// partial credit note; the family reads Mon compte, its invoices with the PDF, and what each
/// registration cost. Every page is checked with axe on a desktop screen and on a phone, where
/// it must fit without scrolling sideways.
/// The portal keeps the real clock, and the demo's school year has no month over in the
/// autumn's first weeks: the journey bills a canteen of its own, like the demo's Restaurant
/// scolaire (same unit, ages and tariffs) but open every weekday, school holidays included,
/// from the start of the month before last. Its family is new, with two children, and no other
/// family has days on it, so the run of this activity bills that family alone.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BillingJourneyTests(BrowserPortal portal)
{
    private const string Activity = "Cantine du parcours";
    private const string DemoCanteen = GestionTestData.Canteen;
    private const string Unit = "Repas";
    private const string Reason = "Certificat médical";
    private const string CreditReason = "Repas non servi (sortie scolaire)";

    [Fact]
    public async Task Agent_MarksADay_IssuesLastMonth_AndCreditsPartOfAnInvoice_FamilyReadsMonCompteAndDownloadsThePdf()
    {
        var axe = new AxeAudit();
        var overflows = new List<string>();
        var setUp = await FamilyWithLastMonthAsync();
        var (first, second) = (setUp.Children[0], setUp.Children[1]);
        var day = setUp.Days[0];
        var dayText = ParisClock.FormatDate(day);
        var month = setUp.Month;
        var monthValue = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var monthName = FrenchDates.MonthAndYear(month);

        // The agent, on a desktop screen, and the same pages on a phone beside it.
        await using var office = await portal.NewContextAsync(width: 1280, height: 900);
        await using var officePhone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var officeProblems = PageProblems.Watch(office, portal.PublicUrl);
        var officePhoneProblems = PageProblems.Watch(officePhone, portal.PublicUrl);
        var agent = await office.NewPageAsync();
        agent.SetDefaultTimeout(15000);
        var small = await officePhone.NewPageAsync();
        small.SetDefaultTimeout(15000);
        await Journey.SignInAgentAsync(agent, portal, axe);
        await Journey.SignInAgentAsync(small, portal, axe);

        // Pointage: the day, typed in the form, then the journey's unit.
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Pointage", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Pointage", Level = 1 })).ToBeVisibleAsync();
        await agent.GetByRole(AriaRole.Textbox, new() { Name = "Jour" }).FillAsync(dayText);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Afficher les activités du jour" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = $"Activités ouvertes le {FrenchDates.Day(day.DayOfWeek)} {dayText}", Level = 2 })).ToBeVisibleAsync();
        var units = agent.GetByRole(AriaRole.Region, new() { Name = "Activités ouvertes ce jour-là" });
        var row = units.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Activity} / {Unit}" });
        await Expect(row.Locator("td").First).ToHaveTextAsync("2");
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/pointage (jour)", "facturation-pointage-jour");

        await row.GetByRole(AriaRole.Link, new() { Name = $"{Activity} / {Unit} : ouvrir la feuille", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = $"Feuille de pointage : {Activity} / {Unit}", Level = 1 })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Enfants attendus (2)", Level = 2 })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = first.ChildName, Level = 3 })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = second.ChildName, Level = 3 })).ToBeVisibleAsync();
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/pointage/feuille", "facturation-feuille");

        // The first child present, with the keyboard: the button takes the focus, Enter sends it.
        var present = agent.GetByRole(AriaRole.Button, new() { Name = $"Présent : {first.ChildName}", Exact = true });
        await present.FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Expect(agent.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{first.ChildName} : Présent." })).ToBeVisibleAsync();
        await Expect(agent.Locator($"#{AnchorOf(first.ChildId)} .attendance-current")).ToContainTextAsync("Présent");

        // The second one absent for a reason: the reason typed, Tab to "Absent justifié", Enter.
        await agent.GetByLabel($"Motif de l'absence justifiée de {second.ChildName}", new() { Exact = true }).FillAsync(Reason);
        await agent.Keyboard.PressAsync("Tab");
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = $"Absent justifié : {second.ChildName}", Exact = true })).ToBeFocusedAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Expect(agent.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{second.ChildName} : Absent justifié ({Reason})." })).ToBeVisibleAsync();
        await Expect(agent.Locator($"#{AnchorOf(second.ChildId)} .attendance-current")).ToContainTextAsync($"Absent justifié ({Reason})");
        await Expect(agent.Locator(".lead")).ToContainTextAsync("2 enfant(s) attendu(s), 2 pointé(s)");
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/pointage/feuille (pointée)", "facturation-feuille-pointee");

        // Facturation: last month, the journey's activity only, and its preview.
        await agent.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Facturation", Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Facturation", Level = 1 })).ToBeVisibleAsync();
        // Last month is the one offered first.
        await Expect(agent.GetByLabel("Mois", new() { Exact = true })).ToHaveValueAsync(monthValue);
        await agent.GetByLabel(Activity, new() { Exact = true }).CheckAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();
        var preview = agent.GetByRole(AriaRole.Region, new() { Name = $"Aperçu : {monthName}" });
        await Expect(preview).ToBeVisibleAsync();
        // Four meals at the highest bracket (no quotient known): 4 × 4,50 €; the justified absence is not billed.
        await Expect(preview.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Factures à émettre" })).ToHaveTextAsync("Factures à émettre : 1");
        await Expect(preview.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Montant total" })).ToHaveTextAsync("Montant total : 18,00 €");
        var anomalies = preview.Locator(".alert--warning");
        await Expect(anomalies.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Anomalies à vérifier") })).ToBeVisibleAsync();
        await Expect(anomalies).ToContainTextAsync("Jour non pointé");
        await Expect(anomalies).ToContainTextAsync("Famille sans quotient familial");
        var bill = preview.GetByRole(AriaRole.Row).Filter(new() { HasText = setUp.FamilyName });
        await Expect(bill).ToHaveCountAsync(1);
        await Expect(bill.Locator("td").Last).ToHaveTextAsync("18,00 €");
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/facturation (aperçu)", "facturation-apercu");

        // Issued in the background: the run's page follows it until it says it is over.
        await agent.GetByRole(AriaRole.Button, new() { Name = "Émettre les factures" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex("/gestion/facturation/[0-9a-f-]{36}$"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = $"Facturation de {monthName}", Level = 1 })).ToBeVisibleAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Terminée", Level = 2 })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        // The run goes through every family file of the commune, the invoice's family among them.
        await Expect(agent.Locator("#avancement-texte")).ToHaveTextAsync(new Regex(@"^(\d+) famille\(s\) traitée\(s\) sur \1$"));
        var result = agent.GetByRole(AriaRole.Region, new() { Name = "Résultat" });
        await Expect(result).ToContainTextAsync("Factures émises : 1");
        await Expect(result).ToContainTextAsync("Montant total : 18,00 €");
        var issued = agent.GetByRole(AriaRole.Region, new() { Name = "Factures émises" }).GetByRole(AriaRole.Row).Filter(new() { HasText = setUp.FamilyName });
        await Expect(issued).ToHaveCountAsync(1);
        var number = (await issued.GetByRole(AriaRole.Link).TextContentAsync())!.Trim();
        Assert.Matches(@"^\d{4}-\d{6}$", number);
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/facturation/{id} (terminée)", "facturation-resultat");

        // The invoice, and a credit note for one meal.
        await issued.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = $"Facture {number}", Level = 1 })).ToBeVisibleAsync();
        var lines = agent.GetByRole(AriaRole.Region, new() { Name = "Lignes" });
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = first.ChildName })).ToContainTextAsync("13,50 €");
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = second.ChildName })).ToContainTextAsync("4,50 €");
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/factures/{id}", "facturation-facture");

        var credit = agent.GetByRole(AriaRole.Region, new() { Name = "Établir un avoir" });
        await credit.GetByLabel("Montant de l'avoir (€)").FillAsync("4,50");
        await credit.GetByLabel("Motif (obligatoire)").FillAsync(CreditReason);
        await credit.GetByRole(AriaRole.Button, new() { Name = "Établir l'avoir" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Status).Filter(new() { HasText = "est établi" })).ToHaveTextAsync(new Regex(@"^L'avoir AV-\d{4}-\d{6} de 4,50\s€ est établi\. La famille en est informée par email\.$"));
        var facts = agent.GetByRole(AriaRole.Region, new() { Name = "Facture", Exact = true });
        await Expect(Detail(facts, "Avoirs")).ToHaveTextAsync("4,50 €");
        await Expect(Detail(facts, "Reste à payer")).ToHaveTextAsync("13,50 €");
        await Expect(Detail(facts, "État")).ToHaveTextAsync("Émise");
        await Expect(agent.GetByRole(AriaRole.Region, new() { Name = "Avoirs", Exact = true })).ToContainTextAsync(CreditReason);
        await Journey.CheckDesktopAndPhoneAsync(agent, small, axe, overflows, "/gestion/factures/{id} (avoir établi)", "facturation-facture-avoir");

        // The family, on a desktop screen and on a phone.
        await using var home = await portal.NewContextAsync(width: 1280, height: 900);
        await using var homePhone = await portal.NewContextAsync(width: 390, height: 844, phone: true);
        var homeProblems = PageProblems.Watch(home, portal.PublicUrl);
        var homePhoneProblems = PageProblems.Watch(homePhone, portal.PublicUrl);
        var family = await home.NewPageAsync();
        family.SetDefaultTimeout(15000);
        var phone = await homePhone.NewPageAsync();
        phone.SetDefaultTimeout(15000);
        foreach (var page in new[] { family, phone })
        {
            await page.GotoAsync("/");
            await Journey.FillFamilySignInAsync(page, setUp.Account.Email, setUp.Account.Password);
            await Expect(page).ToHaveURLAsync(portal.Url("/famille"));
        }

        await family.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Mon compte", Exact = true }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Mon compte", Level = 1 })).ToBeVisibleAsync();
        await Expect(family.Locator(".lead")).ToHaveTextAsync($"Famille : {setUp.FamilyName}");
        var today = ParisClock.FormatDate(portal.Clock.Today);
        var account = family.Locator(".account-facts");
        await Expect(account.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Solde des factures au" })).ToHaveTextAsync($"Solde des factures au {today} : 13,50 €");
        await Expect(account.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Situation financière Famille au" })).ToHaveTextAsync(new Regex($"^Situation financière Famille au {Regex.Escape(today)} : [-−]13,50\\s€$"));
        await Expect(account.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Nombre d'enfants à charge" })).ToHaveTextAsync("Nombre d'enfants à charge : 2");
        await Expect(account.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Quotient familial" })).ToHaveTextAsync("Quotient familial : non renseigné");
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte", "facturation-mon-compte");

        await family.GetByRole(AriaRole.Link, new() { Name = "Détail financier par facture", Exact = true }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Détail financier par facture", Level = 1 })).ToBeVisibleAsync();
        var invoiceRow = family.GetByRole(AriaRole.Region, new() { Name = "Mes factures" }).GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(invoiceRow).ToHaveCountAsync(1);
        await Expect(invoiceRow.Locator("td[data-label='Mois']")).ToHaveTextAsync(monthName);
        await Expect(invoiceRow.Locator("td[data-label='Montant']")).ToHaveTextAsync("18,00 €");
        await Expect(invoiceRow.Locator("td[data-label='Reste à payer']")).ToHaveTextAsync("13,50 €");
        await Expect(invoiceRow.Locator("td[data-label='État']")).ToHaveTextAsync("Émise");
        await Expect(family.GetByRole(AriaRole.Region, new() { Name = "Mes avoirs" }).GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync(CreditReason);
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/factures", "facturation-detail-factures");

        var download = await family.RunAndWaitForDownloadAsync(() =>
            invoiceRow.GetByRole(AriaRole.Link, new() { Name = $"PDF de la facture {number}", Exact = true }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.True(pdf.Length > 4 && pdf.AsSpan(0, 4).SequenceEqual("%PDF"u8), "Le document téléchargé n'est pas un PDF.");
        var text = BillingTestData.PdfText(pdf);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("18,00", text, StringComparison.Ordinal);

        await family.GetByRole(AriaRole.Link, new() { Name = "Retour à Mon compte" }).ClickAsync();
        await family.GetByRole(AriaRole.Link, new() { Name = "Détail financier par inscription", Exact = true }).ClickAsync();
        await Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Détail financier par inscription", Level = 1 })).ToBeVisibleAsync();
        var firstBilling = family.GetByRole(AriaRole.Region, new() { Name = $"{first.ChildName} – {Activity}", Exact = true });
        await Expect(firstBilling.GetByRole(AriaRole.Row).Filter(new() { HasText = FrenchDates.Capitalize(monthName) })).ToContainTextAsync("13,50 €");
        await Expect(firstBilling.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total" })).ToContainTextAsync("13,50 €");
        var secondBilling = family.GetByRole(AriaRole.Region, new() { Name = $"{second.ChildName} – {Activity}", Exact = true });
        await Expect(secondBilling.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total" })).ToContainTextAsync("4,50 €");
        await Journey.CheckDesktopAndPhoneAsync(family, phone, axe, overflows, "/famille/compte/inscriptions", "facturation-detail-inscriptions");

        axe.AssertNoSeriousViolation();
        Assert.True(overflows.Count == 0, string.Join(Environment.NewLine, overflows));
        officeProblems.AssertNone();
        officePhoneProblems.AssertNone();
        homeProblems.AssertNone();
        homePhoneProblems.AssertNone();
    }

    /// <summary>The value of a term of a list of details (dt, then its dd).</summary>
    private static ILocator Detail(ILocator list, string term) =>
        list.Locator("dt").Filter(new() { HasText = term }).Locator("xpath=following-sibling::dd[1]");

    private static string AnchorOf(Guid childId) => $"enfant-{childId:N}";

    private sealed record BilledFamily(TestAccount Account, string FamilyName, DateOnly Month, IReadOnlyList<DateOnly> Days, IReadOnlyList<Enrolled> Children);

    /// <summary>
    /// A new family with two children registered to the journey's canteen, and days of last
    /// month booked by the service: the first day for both children (the day the agent marks),
    /// the second for both and the third for the first child, left unmarked.
    /// </summary>
    private async Task<BilledFamily> FamilyWithLastMonthAsync()
    {
        await EnsureActivityAsync();
        var clock = portal.Clock;
        var today = clock.Today;
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var lastName = GestionTestData.UniqueName("Facture");
        var account = await TestData.CreateFamilyAsync(portal, lastName, ("Jeanne", today.AddYears(-7)), ("Paul", today.AddYears(-9)));
        var familyId = account.FamilyId!.Value;
        var children = await portal.WithDbAsync(async db =>
        {
            var activity = await db.Activities.FirstAsync(a => a.Name == Activity);
            var period = await db.Periods.FirstAsync(p => p.ActivityId == activity.Id);
            var enrolled = new List<Enrolled>();
            foreach (var child in await db.Children.AsNoTracking().Where(c => c.FamilyId == familyId).OrderBy(c => c.FirstName).ToListAsync())
            {
                var registration = Check(Registration.Request(
                    familyId, child.Id, child.FirstName, child.BirthDate, activity, period, period.Start, period.End,
                    WeeklyPattern.Empty, [], today, clock.UtcNow));
                Check(registration.Validate(clock.UtcNow));
                db.Registrations.Add(registration);
                enrolled.Add(new Enrolled(account, familyId, child.Id, $"{child.FirstName} {child.LastName.ToUpperInvariant()}", registration.Id, activity.Id));
            }

            await db.SaveChangesAsync();
            return enrolled;
        });

        var unit = await GestionTestData.UnitAsync(portal, Activity, Unit);
        var days = (await GestionTestData.OpenDaysBetweenAsync(portal, children[0].RegistrationId, month, month.AddMonths(1).AddDays(-1))).Take(3).ToList();
        Assert.True(days.Count == 3, $"Il faut trois jours ouverts en {month:yyyy-MM}.");
        foreach (var (child, day) in new[] { (0, days[0]), (1, days[0]), (0, days[1]), (1, days[1]), (0, days[2]) })
        {
            await GestionTestData.BookDirectlyAsync(portal, children[child], unit, day);
        }

        return new BilledFamily(account, $"{lastName.ToUpperInvariant()} Alice", month, days, children);
    }

    /// <summary>
    /// Once per portal: the journey's canteen, made like the demo's Restaurant scolaire (its
    /// type, unit, ages and tariffs) but open from Monday to Friday, school holidays included,
    /// from the first day of the month before last to 200 days ahead.
    /// </summary>
    private async Task EnsureActivityAsync()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortailFamille.Web.Data.AppDbContext>();
        if (await db.Activities.AnyAsync(a => a.Name == Activity))
        {
            return;
        }

        var today = portal.Clock.Today;
        var model = await db.Activities.AsNoTracking().FirstAsync(a => a.Name == DemoCanteen);
        var activity = Check(CatalogueActivity.Create(
            model.ActivityTypeId,
            Activity,
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            SchoolTimeRule.Always,
            model.Units.OrderBy(u => u.DisplayOrder).Select(u => new UnitDefinition(u.Name, u.Start, u.End, u.IsMeal, u.Capacity))));
        Check(activity.SetAgeLimits(model.MinAge, model.MaxAge));
        var unitByName = activity.Units.ToDictionary(u => u.Name, u => u.Id);
        var unitNameOf = model.Units.ToDictionary(u => u.Id, u => u.Name);
        Check(activity.SetTariffs(model.Tariffs.Select(t => t with { UnitId = unitByName[unitNameOf[t.UnitId]] })));
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var period = Check(Period.Create(activity.Id, $"{Activity} {today.Year}", start, today.AddDays(200), start.AddDays(-1), today.AddDays(200)));
        db.Activities.Add(activity);
        db.Periods.Add(period);
        await db.SaveChangesAsync();
    }

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value : throw new InvalidOperationException(string.Join(" ", outcome.Refusals.Select(r => r.Message)));
}
