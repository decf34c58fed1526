using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Tests.Infrastructure;

namespace PortailFamille.Web.Tests.Gestion;

/// <summary>
/// Every back-office page, found from the portal's own routes (so a new page is covered the
/// day it is added), opened by each kind of account, with the menu that account's role gives
/// on every one of them.
/// </summary>
public sealed class RoleSeparationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<IReadOnlyList<string>> BackOfficeUrlsAsync()
    {
        var staffId = (await TestData.CreateStaffAsync(factory, Roles.Agent)).UserId;
        var familyId = (await TestData.CreateFamilyAsync(factory)).FamilyId!.Value;
        var (activityId, unitId) = await factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.AsNoTracking().FirstAsync();
            return (activity.Id, activity.Units.OrderBy(u => u.DisplayOrder).First().Id);
        });
        var periodId = await factory.WithDbAsync(db => db.Periods.Select(p => p.Id).FirstAsync());
        var reservationId = await AReservationAsync();
        var runId = await AnInvoicingRunAsync();
        var (invoiceId, creditNoteId) = await AnInvoiceAndItsCreditNoteAsync(familyId);
        var paymentId = await APaymentAsync(familyId, invoiceId);
        var taxRunId = await ATaxCertificateRunAsync();
        var year = factory.Clock.Today.Year;
        using (var scope = factory.Services.CreateScope())
        {
            // The family's certificate of the year its payment was made, for the agents' PDF.
            await scope.ServiceProvider.GetRequiredService<Web.Features.Billing.TaxCertificates>().IssueAsync(familyId, year, CancellationToken.None);
        }

        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. sources.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
                .Where(p => p.StartsWith("/gestion", StringComparison.Ordinal) && p != "/gestion/connexion")
                .Select(p => WithRealIds(p, staffId, familyId, activityId, periodId, reservationId, runId, invoiceId, creditNoteId, paymentId, unitId, taxRunId, year))
                .Distinct(),
        ];
    }

    // An {id:guid} gets the id of something the page shows, so that allowed accounts get 200, not
    // 404; a child's form is opened for a new child.
    private static string WithRealIds(
        string pattern, Guid staffId, Guid familyId, Guid activityId, Guid periodId, Guid reservationId, Guid runId, Guid invoiceId, Guid creditNoteId, Guid paymentId, Guid unitId, Guid taxRunId, int year)
    {
        var id = pattern switch
        {
            _ when pattern.StartsWith("/gestion/reservations/", StringComparison.Ordinal) => reservationId,
            _ when pattern.StartsWith("/gestion/familles/", StringComparison.Ordinal) => familyId,
            _ when pattern.StartsWith("/gestion/catalogue/activites/", StringComparison.Ordinal) => activityId,
            _ when pattern.StartsWith("/gestion/catalogue/periodes/", StringComparison.Ordinal) => periodId,
            _ when pattern.StartsWith("/gestion/facturation/", StringComparison.Ordinal) => runId,
            _ when pattern.StartsWith("/gestion/factures/", StringComparison.Ordinal) => invoiceId,
            _ when pattern.StartsWith("/gestion/avoirs/", StringComparison.Ordinal) => creditNoteId,
            _ when pattern.StartsWith("/gestion/reglements/", StringComparison.Ordinal) => paymentId,
            _ when pattern.StartsWith("/gestion/attestations-fiscales/", StringComparison.Ordinal) => taxRunId,
            _ => staffId,
        };
        var url = pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal).Replace("{child}", "nouveau", StringComparison.Ordinal)
            .Replace("{annee:int}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // The attendance sheet's PDF names its sheet in the query: the activity's first unit, today.
        return url == "/gestion/pointage/feuille/pdf"
            ? $"{url}?activite={activityId}&unite={unitId}&jour={DateTime.UtcNow:yyyy-MM-dd}"
            : url;
    }

    /// <summary>An invoice of the family and a credit note on it, for the pages and PDFs of each.</summary>
    private async Task<(Guid Invoice, Guid CreditNote)> AnInvoiceAndItsCreditNoteAsync(Guid familyId)
    {
        var invoice = await Billing.BillingTestData.CreateInvoiceAsync(factory, familyId, "DURAND Alice", new DateOnly(2026, 10, 1),
            new Billing.TestLine("Léa DURAND", "Restaurant scolaire", "Repas", Domain.Billing.BillingKind.Reserved, 4, 3.00m));
        var creditNoteId = await factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var sequence = await Web.Features.Billing.BillingLocks.TakeNumbersAsync(db, Domain.Billing.DocumentNumber.CreditNoteSeries, 2026, 1, CancellationToken.None);
            var note = new Web.Features.Billing.CreditNote
            {
                Id = Guid.NewGuid(),
                Number = Domain.Billing.DocumentNumber.Format(Domain.Billing.DocumentNumber.CreditNoteSeries, 2026, sequence),
                Year = 2026,
                Sequence = sequence,
                InvoiceId = invoice.Id,
                FamilyId = familyId,
                Amount = 3.00m,
                Reason = "Repas compté deux fois",
                IssuedOn = new DateOnly(2026, 11, 2),
                IssuedAt = DateTimeOffset.UtcNow,
                IssuedBy = "test",
            };
            db.CreditNotes.Add(note);
            await db.SaveChangesAsync();
            await db.Invoices.Where(i => i.Id == invoice.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Credited, note.Amount));
            await transaction.CommitAsync();
            return note.Id;
        });
        return (invoice.Id, creditNoteId);
    }

    /// <summary>A desk payment on the invoice, for the page of a payment and its receipt.</summary>
    private async Task<Guid> APaymentAsync(Guid familyId, Guid invoiceId)
    {
        using var scope = factory.Services.CreateScope();
        var recording = scope.ServiceProvider.GetRequiredService<Web.Features.Billing.PaymentRecording>();
        var today = factory.Clock.Today;
        var outcome = await recording.RecordAsync(familyId, Domain.Billing.PaymentMethod.Cash, 2.00m, today, "Alice DURAND", null, null,
            [new Domain.Billing.Allocation(invoiceId, 2.00m)], "test", null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals.Select(r => r.Message)));
        return outcome.Value.Id;
    }

    /// <summary>An invoicing run that billed nothing, for the page of a run.</summary>
    private Task<Guid> ATaxCertificateRunAsync() =>
        factory.WithDbAsync(async db =>
        {
            var run = new Web.Features.Gestion.TaxRuns.TaxCertificateRun
            {
                Id = Guid.NewGuid(),
                Year = 2026,
                Status = Web.Features.Gestion.TaxRuns.TaxCertificateRunStatus.Done,
                StartedBy = "test",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.TaxCertificateRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        });

    private Task<Guid> AnInvoicingRunAsync() =>
        factory.WithDbAsync(async db =>
        {
            var run = new Web.Features.Billing.InvoicingRun
            {
                Id = Guid.NewGuid(),
                Month = new DateOnly(2026, 10, 1),
                Status = Web.Features.Billing.InvoicingRunStatus.Done,
                StartedBy = "test",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.InvoicingRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        });

    /// <summary>A reservation cell of the demo family's validated registration, for the pages about one reservation.</summary>
    private Task<Guid> AReservationAsync() =>
        factory.WithDbAsync(async db =>
        {
            var registration = await db.Registrations.AsNoTracking().FirstAsync(r => r.Status == Domain.Registrations.RegistrationStatus.Validated);
            var existing = await db.Reservations.Where(r => r.RegistrationId == registration.Id).Select(r => r.Id).FirstOrDefaultAsync();
            if (existing != Guid.Empty)
            {
                return existing;
            }

            var unitId = await db.Set<Domain.Catalogue.ActivityUnit>().Where(u => u.ActivityId == registration.ActivityId).Select(u => u.Id).FirstAsync();
            var cell = Domain.Reservations.Reservation.Start(registration.Id, registration.ChildId, registration.FamilyId, registration.ActivityId, unitId, registration.End);
            db.Reservations.Add(cell);
            await db.SaveChangesAsync();
            return cell.Id;
        });

    private static bool IsAdministratorOnly(string url) =>
        url.StartsWith("/gestion/personnel", StringComparison.Ordinal) || url.StartsWith("/gestion/catalogue", StringComparison.Ordinal);

    [Fact]
    public async Task TheBackOffice_HasThePagesThisTestExpects()
    {
        var urls = await BackOfficeUrlsAsync();

        Assert.Contains("/gestion", urls);
        Assert.Contains("/gestion/familles", urls);
        Assert.Contains("/gestion/familles/nouvelle", urls);
        Assert.Contains("/gestion/personnel", urls);
        Assert.Contains("/gestion/personnel/nouveau", urls);
        Assert.Contains(urls, u => u.StartsWith("/gestion/personnel/", StringComparison.Ordinal) && Guid.TryParse(u[19..], out _));
        Assert.Contains(urls, u => u.StartsWith("/gestion/familles/", StringComparison.Ordinal) && Guid.TryParse(u[18..], out _));
        Assert.Contains(urls, u => u.EndsWith("/coordonnees", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.EndsWith("/enfants/nouveau", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.EndsWith("/second-parent", StringComparison.Ordinal));
        Assert.Contains("/gestion/export-comptable", urls);
        Assert.Contains("/gestion/paiements-en-ligne", urls);
        Assert.Contains("/gestion/attestations-fiscales", urls);
        Assert.Contains(urls, u => u.StartsWith("/gestion/attestations-fiscales/", StringComparison.Ordinal) && Guid.TryParse(u[31..], out _));
        Assert.Contains(urls, u => u.Contains("/attestation-fiscale/", StringComparison.Ordinal) && u.EndsWith("/pdf", StringComparison.Ordinal));
        Assert.Contains("/gestion/catalogue", urls);
        Assert.Contains("/gestion/catalogue/calendrier", urls);
        Assert.Contains("/gestion/catalogue/activites/nouvelle", urls);
        Assert.Contains("/gestion/catalogue/periodes/nouvelle", urls);
        Assert.Contains(urls, u => u.StartsWith("/gestion/catalogue/activites/", StringComparison.Ordinal) && Guid.TryParse(u[29..], out _));
        Assert.Contains(urls, u => u.StartsWith("/gestion/catalogue/periodes/", StringComparison.Ordinal) && Guid.TryParse(u[28..], out _));
        Assert.Contains(urls, u => u.StartsWith("/gestion/reglements/", StringComparison.Ordinal) && Guid.TryParse(u[20..], out _));
        Assert.Contains(urls, u => u.StartsWith("/gestion/reglements/", StringComparison.Ordinal) && u.EndsWith("/pdf", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, u => u.Contains('{'));
    }

    [Fact]
    public async Task Anonymous_IsSentToTheBackOfficeSignIn_OnEveryBackOfficePage()
    {
        using var client = factory.NewClient();
        foreach (var url in await BackOfficeUrlsAsync())
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.Redirect, $"{url} answered {page.Status}");
            Assert.StartsWith("/gestion/connexion?ReturnUrl=", page.Location);
        }
    }

    [Fact]
    public async Task Family_IsRefused_OnEveryBackOfficePage()
    {
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(Demo.FamilyEmail, Demo.FamilyPassword);
        foreach (var url in await BackOfficeUrlsAsync())
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.Forbidden, $"{url} answered {page.Status}");
            Assert.Contains("Accès refusé", page.Text);
        }
    }

    [Fact]
    public async Task Agent_OpensAgentPages_ButNoAdministratorPage()
    {
        using var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        foreach (var url in await BackOfficeUrlsAsync())
        {
            var page = await client.GetAsync(url);
            var expected = IsAdministratorOnly(url) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(page.Status == expected, $"{url} answered {page.Status}, expected {expected}");
            if (page.Status == HttpStatusCode.OK && !IsPdf(page))
            {
                Assert.Equal<IEnumerable<string>>(AgentMenu, Menu(page, url));
            }
        }
    }

    /// <summary>The back office's menu, the same on every page an agent opens: what the role allows, nothing more.</summary>
    private static readonly string[] AgentMenu =
    [
        "Tableau de bord → /gestion",
        "Familles → /gestion/familles",
        "Inscriptions → /gestion/inscriptions",
        "Demandes de réservation → /gestion/reservations",
        "Transferts → /gestion/reservations/transferts",
        "Pointage → /gestion/pointage",
        "Facturation → /gestion/facturation",
        "Mot de passe → /compte/mot-de-passe",
        "Mes sessions → /compte/sessions",
    ];

    /// <summary>An administrator's menu adds the catalogue and the staff accounts.</summary>
    private static readonly string[] AdministratorMenu =
    [
        .. AgentMenu[..^2],
        "Catalogue → /gestion/catalogue",
        "Personnel → /gestion/personnel",
        .. AgentMenu[^2..],
    ];

    // An invoice's or a credit note's PDF is a document, not a page: it has no menu.
    private static bool IsPdf(HtmlPage page) => page.Response.Content.Headers.ContentType?.MediaType == "application/pdf";

    private static List<string> Menu(HtmlPage page, string url)
    {
        var nav = page.Document.QuerySelector("nav[aria-label='Menu principal']");
        Assert.True(nav is not null, $"{url} has no main menu");
        return [.. nav.QuerySelectorAll("a").Select(a => $"{a.TextContent.Trim()} → {a.GetAttribute("href")}")];
    }

    [Fact]
    public async Task Agent_CannotPostToAnAdministratorPage()
    {
        using var admin = factory.NewClient();
        await admin.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        var form = await admin.GetAsync("/gestion/personnel/nouveau");
        using var agent = factory.NewClient();
        await agent.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);
        var agentForm = await agent.GetAsync("/gestion/familles/nouvelle");
        var token = agentForm.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var email = TestData.UniqueEmail("intrus");

        var page = await agent.PostAsync("/gestion/personnel/nouveau",
        [
            new("__RequestVerificationToken", token),
            new("Input.LastName", "Intrus"),
            new("Input.FirstName", "Paul"),
            new("Input.Email", email),
            new("Input.Role", "Administrator"),
        ]);

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Empty(await factory.QueuedMailsToAsync(email));
    }

    [Fact]
    public async Task Administrator_OpensEveryBackOfficePage()
    {
        using var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AdminEmail, Demo.AdminPassword);
        foreach (var url in await BackOfficeUrlsAsync())
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.OK, $"{url} answered {page.Status}");
            if (!IsPdf(page))
            {
                Assert.Equal<IEnumerable<string>>(AdministratorMenu, Menu(page, url));
            }
        }
    }

    [Fact]
    public async Task Staff_CannotOpenTheFamilySpace()
    {
        using var client = factory.NewClient();
        await client.SignInStaffAsync(Demo.AgentEmail, Demo.AgentPassword);

        var page = await client.GetAsync("/famille");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }
}
