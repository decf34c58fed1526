using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Features.Payments;
using PortailFamille.Web.Features.Payments.TestProvider;
using PortailFamille.Web.Tests.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Payments;

/// <summary>
/// "Payer cette facture" through the built-in PayFiP test provider: the attempt recorded
/// first, the family sent to the provider's page, the result taken from the provider and
/// never from the caller, the payment recorded exactly once whatever the notifications and
/// returns do, the job closing what nobody announced, and each family kept to its own
/// invoices and attempts. On a fixed clock (13/01/2027), moved forward to pass the 20 minutes.
/// </summary>
public sealed class OnlinePaymentTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    [Fact]
    public async Task A_family_pays_an_invoice_through_the_test_provider_and_finds_it_paid_with_its_receipt_and_an_email()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Enligne");
        var invoice = await InvoiceAsync(family, 45.5m);
        var mark = await factory.OutboxMarkAsync();
        using var client = await SignedInAsync(family);

        var list = await client.GetAsync("/famille/compte/factures");
        var pay = list.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Payer cette facture");
        Assert.Equal($"/famille/compte/factures/{invoice.Id}/payer", pay.GetAttribute("href"));
        var confirm = await client.GetAsync(pay.GetAttribute("href")!);
        Assert.Equal("45,50 €", BillingTestData.Normalize(confirm.Document.QuerySelector("main dd strong")!.TextContent));
        Assert.Equal("Payer 45,50 € en ligne", BillingTestData.Normalize(confirm.Document.QuerySelector("main form button")!.TextContent.Trim()));

        var sent = await client.SubmitAsync(confirm, new Dictionary<string, string>());

        var attempt = await OnlyAttemptAsync(invoice);
        Assert.Equal(OnlinePaymentState.Pending, attempt.State);
        Assert.Equal(45.5m, attempt.Amount);
        Assert.Equal(PayFip.RefDet(attempt.Id), attempt.RefDet);
        Assert.Equal(family.Email, attempt.StartedBy);
        Assert.Equal($"http://localhost/payfip-test/paiement?idop={attempt.IdOp}", sent.Location);
        var session = await factory.WithDbAsync(db => db.PayFipTestSessions.AsNoTracking().SingleAsync(s => s.IdOp == attempt.IdOp));
        Assert.Equal(4550, session.AmountInCents);
        Assert.Equal(attempt.RefDet, session.RefDet);
        Assert.Equal(family.Email, session.Email);
        Assert.Equal("http://localhost/paiement-en-ligne/notification", session.NotificationUrl);
        Assert.Equal("http://localhost/paiement-en-ligne/retour", session.RedirectUrl);
        Assert.StartsWith($"Facture {invoice.Number.Replace('-', ' ')} Mairie de Beaulieu les Sagnes", session.Objet, StringComparison.Ordinal);

        // While the treasury's page is open, the invoice shows the attempt, not a second "Payer".
        var waiting = await client.GetAsync("/famille/compte/factures");
        Assert.Contains("Paiement en cours de vérification", waiting.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting.Document.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Payer cette facture");

        using (var state = await client.Http.GetAsync(PaymentEndpoints.OnlinePaymentPage(attempt.Id) + "?handler=State"))
        {
            Assert.Equal("{\"state\":\"Pending\",\"pending\":true}", await state.Content.ReadAsStringAsync());
        }

        var provider = await client.GetAsync(sent.Location!);
        Assert.Contains("aucune somme n'est débitée", provider.Text, StringComparison.Ordinal);
        var back = await client.PressAsync(provider, "Payer", new Dictionary<string, string> { ["Drop"] = "true" });
        Assert.Equal($"http://localhost/paiement-en-ligne/retour?idOp={attempt.IdOp}", back.Location);
        var returned = await client.GetAsync(back.Location!);
        Assert.Equal(PaymentEndpoints.OnlinePaymentPage(attempt.Id), returned.Location);
        var result = await client.GetAsync(returned.Location!);

        Assert.Equal("Paiement enregistré", result.Document.QuerySelector("h1")!.TextContent.Trim());
        var payment = await factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.FamilyId == family.FamilyId));
        Assert.Equal(PaymentMethod.Online, payment.Method);
        Assert.Equal(45.5m, payment.Amount);
        Assert.Equal(OnlinePayments.RecordedBy, payment.RecordedBy);
        Assert.Contains(payment.Number, result.Text, StringComparison.Ordinal);
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOfAsync(invoice)).Amounts.Status);
        var paid = await OnlyAttemptAsync(invoice);
        Assert.Equal(OnlinePaymentState.Paid, paid.State);
        Assert.Equal(payment.Id, paid.PaymentId);
        Assert.Equal("P", paid.Result);
        Assert.Matches("^[0-9]{6}$", paid.Authorisation);
        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Email, mark));
        Assert.Contains(payment.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("45,50 €", BillingTestData.Normalize(mail.TextBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/famille/compte/reglements/{payment.Id}/pdf")).StatusCode);
        var paidList = await client.GetAsync("/famille/compte/factures");
        Assert.DoesNotContain(paidList.Document.QuerySelectorAll("main a"), a => a.TextContent.Trim() is "Payer cette facture" or "Paiement en cours de vérification");

        // The agents see the attempt, its references and the payment.
        using var agent = await AgentAsync();
        var attempts = BillingTestData.Normalize((await agent.GetAsync("/gestion/paiements-en-ligne?etat=Paid")).Text);
        Assert.Contains(attempt.RefDet, attempts, StringComparison.Ordinal);
        Assert.Contains(attempt.IdOp!, attempts, StringComparison.Ordinal);
        Assert.Contains(payment.Number, attempts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_notifications_and_returns_at_once_record_exactly_one_payment()
    {
        var (family, invoice, attempt) = await StartedAsync("Cent", 30m);
        await DecideAsync(attempt, "P");
        var mark = await factory.OutboxMarkAsync();

        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 100).Select(async i =>
        {
            using var http = factory.CreateClient(new() { AllowAutoRedirect = false });
            await start.WaitAsync();
            using var response = i % 2 == 0
                ? await http.PostAsync(PaymentEndpoints.NotificationPath, new FormUrlEncodedContent([new("idOp", attempt.IdOp!)]))
                : await http.GetAsync($"{PaymentEndpoints.ReturnPath}?idOp={attempt.IdOp}");
            return response.StatusCode;
        }).ToList();
        start.Release(100);
        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses.Where((_, i) => i % 2 == 0), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Where((_, i) => i % 2 == 1), s => Assert.Equal(HttpStatusCode.Redirect, s));
        var payment = Assert.Single(await PaymentsAsync(family));
        Assert.Equal(30m, payment.Amount);
        var allocation = Assert.Single(await factory.WithDbAsync(db => db.PaymentAllocations.AsNoTracking().Where(a => a.PaymentId == payment.Id).ToListAsync()));
        Assert.Equal(30m, allocation.Amount);
        Assert.Equal(30m, (await InvoiceOfAsync(invoice)).Paid);
        Assert.Equal(payment.Id, (await OnlyAttemptAsync(invoice)).PaymentId);
        Assert.Single(await factory.QueuedMailsToAsync(family.Email, mark));
    }

    [Theory]
    [InlineData("notification", "retour")]
    [InlineData("retour", "notification")]
    [InlineData("notification", "notification")]
    [InlineData("retour", "retour")]
    public async Task In_any_order_and_repeated_the_announcements_record_the_payment_once(string first, string second)
    {
        var (family, invoice, attempt) = await StartedAsync("Ordre", 12m);
        using var http = factory.CreateClient(new() { AllowAutoRedirect = false });

        // Before the family chose, an announcement changes nothing: the treasury does not know yet.
        await AnnounceAsync(http, first, attempt);
        Assert.Equal(OnlinePaymentState.Pending, (await OnlyAttemptAsync(invoice)).State);
        Assert.Empty(await PaymentsAsync(family));

        await DecideAsync(attempt, "P");
        await AnnounceAsync(http, first, attempt);
        await AnnounceAsync(http, second, attempt);
        await AnnounceAsync(http, second, attempt);

        Assert.Single(await PaymentsAsync(family));
        Assert.Equal(12m, (await InvoiceOfAsync(invoice)).Paid);
        Assert.Equal(OnlinePaymentState.Paid, (await OnlyAttemptAsync(invoice)).State);
    }

    [Fact]
    public async Task A_payment_nobody_announces_is_recorded_by_the_job_and_an_attempt_left_unanswered_expires_after_20_minutes()
    {
        var (family, invoice, attempt) = await StartedAsync("Silence", 8m);
        var (_, otherInvoice, unanswered) = await StartedAsync("Muet", 9m);
        await DecideAsync(attempt, "P");

        // The job: the paid one is recorded, the other, still within its 20 minutes, waits.
        await CheckPendingAsync();
        Assert.Single(await PaymentsAsync(family));
        Assert.Equal(OnlinePaymentState.Paid, (await OnlyAttemptAsync(invoice)).State);
        Assert.Equal(OnlinePaymentState.Pending, (await OnlyAttemptAsync(otherInvoice)).State);

        factory.Time.Advance(TimeSpan.FromMinutes(21));
        await CheckPendingAsync();

        var expired = await OnlyAttemptAsync(otherInvoice);
        Assert.Equal(OnlinePaymentState.Expired, expired.State);
        Assert.Null(expired.PaymentId);
        Assert.Equal(0m, (await InvoiceOfAsync(otherInvoice)).Paid);
        Assert.Single(await PaymentsAsync(family));

        // The treasury's late "paid" still wins: the money taken is recorded.
        await DecideAsync(unanswered, "P");
        using var http = factory.CreateClient(new() { AllowAutoRedirect = false });
        await AnnounceAsync(http, "notification", unanswered);
        Assert.Equal(OnlinePaymentState.Paid, (await OnlyAttemptAsync(otherInvoice)).State);
        Assert.Equal(9m, (await InvoiceOfAsync(otherInvoice)).Paid);
    }

    [Theory]
    [InlineData("refuser", OnlinePaymentState.Refused, "Paiement refusé")]
    [InlineData("abandonner", OnlinePaymentState.Abandoned, "Paiement abandonné")]
    public async Task A_refused_or_abandoned_payment_changes_nothing_and_the_family_may_pay_again(string choice, OnlinePaymentState state, string title)
    {
        var family = await TestData.CreateFamilyAsync(factory, "Echec");
        var invoice = await InvoiceAsync(family, 20m);
        var mark = await factory.OutboxMarkAsync();
        using var client = await SignedInAsync(family);
        var sent = await client.SubmitAsync($"/famille/compte/factures/{invoice.Id}/payer", new Dictionary<string, string>());
        var provider = await client.GetAsync(sent.Location!);

        var back = await client.PressAsync(provider, choice switch { "refuser" => "Refuser", _ => "Abandonner" }, new Dictionary<string, string> { ["Drop"] = "true" });
        var result = await client.GetAsync((await client.GetAsync(back.Location!)).Location!);

        Assert.Equal(title, result.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("rien n'a été débité", result.Text, StringComparison.Ordinal);
        Assert.Equal(state, (await OnlyAttemptAsync(invoice)).State);
        Assert.Empty(await PaymentsAsync(family));
        Assert.Equal(0m, (await InvoiceOfAsync(invoice)).Paid);
        Assert.Empty(await factory.QueuedMailsToAsync(family.Email, mark));
        var again = result.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Payer de nouveau cette facture");

        var second = await client.SubmitAsync(again.GetAttribute("href")!, new Dictionary<string, string>());
        Assert.StartsWith("http://localhost/payfip-test/paiement?idop=", second.Location, StringComparison.Ordinal);
        var attempts = await factory.WithDbAsync(db => db.OnlinePaymentAttempts.AsNoTracking().Where(a => a.InvoiceId == invoice.Id).ToListAsync());
        Assert.Equal(2, attempts.Count);
        Assert.Equal(2, attempts.Select(a => a.RefDet).Distinct().Count());
    }

    [Fact]
    public async Task A_second_attempt_while_one_is_pending_is_refused_and_ten_at_once_open_one()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Double");
        var invoice = await InvoiceAsync(family, 15m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => StartAsync(family, invoice)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(OnlinePaymentAttempt.AttemptUnderway.Message, Assert.Single(o.Refusals).Message));
        Assert.Single(await factory.WithDbAsync(db => db.OnlinePaymentAttempts.AsNoTracking().Where(a => a.InvoiceId == invoice.Id).ToListAsync()));

        using var client = await SignedInAsync(family);
        var page = await client.GetAsync($"/famille/compte/factures/{invoice.Id}/payer");
        Assert.Contains(OnlinePaymentAttempt.AttemptUnderway.Message, page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
    }

    [Fact]
    public async Task A_family_cannot_pay_nor_see_another_family_s_invoice_or_attempt()
    {
        var (_, invoice, attempt) = await StartedAsync("Autre", 10m);
        var intruder = await TestData.CreateFamilyAsync(factory, "Intrus");
        using var client = await SignedInAsync(intruder);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/famille/compte/factures/{invoice.Id}/payer")).Status);
        var token = (await client.GetAsync("/famille/compte/attestation-fiscale")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/famille/compte/factures/{invoice.Id}/payer", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PaymentEndpoints.OnlinePaymentPage(attempt.Id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PaymentEndpoints.OnlinePaymentPage(attempt.Id) + "?handler=State")).Status);
        Assert.Single(await factory.WithDbAsync(db => db.OnlinePaymentAttempts.AsNoTracking().Where(a => a.InvoiceId == invoice.Id).ToListAsync()));
        var agents = await client.GetAsync("/gestion/paiements-en-ligne");
        Assert.NotEqual(HttpStatusCode.OK, agents.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inconnu")]
    [InlineData("a\u0000b")]
    [InlineData("'; drop table x; --")]
    public async Task An_announcement_with_no_or_an_unknown_idOp_changes_nothing_and_answers_without_error(string idOp)
    {
        using var http = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var notified = await http.PostAsync(PaymentEndpoints.NotificationPath, new FormUrlEncodedContent([new("idOp", idOp)]));
        using var returned = await http.GetAsync($"{PaymentEndpoints.ReturnPath}?idOp={Uri.EscapeDataString(idOp)}");

        // No idOp, or a body the form reader refuses (a NUL byte): 400; an idOp never given: 404.
        Assert.Equal(idOp.Length == 0 || idOp.Contains('\0', StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound, notified.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal("/famille/compte/factures", returned.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_test_provider_s_notification_reaches_the_portal_and_records_the_payment()
    {
        var (family, invoice, attempt) = await StartedAsync("Notifie", 5m);
        using var client = factory.NewClient();
        var page = await client.GetAsync($"/payfip-test/paiement?idop={attempt.IdOp}");

        // Sent three times at once, through HTTP to the portal's urlnotif; the family never comes back.
        var back = await client.PressAsync(page, "Payer", new Dictionary<string, string> { ["Times"] = "3" });

        Assert.StartsWith("http://localhost/paiement-en-ligne/retour", back.Location, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await OnlyAttemptAsync(invoice)).State == OnlinePaymentState.Pending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(OnlinePaymentState.Paid, (await OnlyAttemptAsync(invoice)).State);
        Assert.Single(await PaymentsAsync(family));
    }

    [Fact]
    public async Task The_test_provider_s_page_refuses_bad_settings_in_french_and_keeps_the_first_choice()
    {
        var (family, invoice, attempt) = await StartedAsync("Reglages", 5m);
        using var client = factory.NewClient();
        var page = await client.GetAsync($"/payfip-test/paiement?idop={attempt.IdOp}");

        var refused = await client.PressAsync(page, "Payer", new Dictionary<string, string> { ["Delay"] = "9999", ["Times"] = "0" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Le délai s'écrit en secondes, de 0 à 600.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Le nombre d'envois va de 1 à 20.", refused.Text, StringComparison.Ordinal);
        Assert.Null((await factory.WithDbAsync(db => db.PayFipTestSessions.AsNoTracking().SingleAsync(s => s.IdOp == attempt.IdOp))).Result);

        await client.PressAsync(refused, "Refuser", new Dictionary<string, string> { ["Delay"] = "0", ["Times"] = "1", ["Drop"] = "true" });
        var twice = await client.PostAsync($"/payfip-test/paiement?idop={attempt.IdOp}", [new("Choice", "payer"), new("__RequestVerificationToken", Token(page))]);
        Assert.Equal("R", (await factory.WithDbAsync(db => db.PayFipTestSessions.AsNoTracking().SingleAsync(s => s.IdOp == attempt.IdOp))).Result);
        Assert.StartsWith("http://localhost/paiement-en-ligne/retour", twice.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/payfip-test/paiement?idop=inconnu")).Status);
        Assert.Empty(await PaymentsAsync(family));
        Assert.Equal(0m, (await InvoiceOfAsync(invoice)).Paid);
    }

    [Fact]
    public async Task The_real_client_speaks_to_the_test_provider_over_http()
    {
        using var scope = factory.Services.CreateScope();
        var client = new PayFipClient(
            new HttpClient(factory.Server.CreateHandler()),
            Microsoft.Extensions.Options.Options.Create(new PayFipOptions { Endpoint = new Uri("http://localhost" + PaymentEndpoints.TestSoapPath), NumCli = "123456", Saisie = "T" }));
        var refDet = PayFip.RefDet(Guid.NewGuid());

        var idOp = await client.CreatePaymentAsync(
            new PayFipRequest(2027, 1234, refDet, "parent@test.example", "Facture 2027 000001", new Uri("http://localhost/n"), new Uri("http://localhost/r")), CancellationToken.None);
        var pending = await client.GetResultAsync(idOp, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<PayFipTestProvider>().DecideAsync(idOp, "P", CancellationToken.None);
        var paid = await client.GetResultAsync(idOp, CancellationToken.None);
        var unknown = await client.GetResultAsync("inconnu", CancellationToken.None);
        var again = await Assert.ThrowsAsync<PayFipUnavailableException>(() => client.CreatePaymentAsync(
            new PayFipRequest(2027, 1234, refDet, "parent@test.example", "Facture", new Uri("http://localhost/n"), new Uri("http://localhost/r")), CancellationToken.None));
        var badObjet = await Assert.ThrowsAsync<PayFipUnavailableException>(() => client.CreatePaymentAsync(
            new PayFipRequest(2027, 1234, PayFip.RefDet(Guid.NewGuid()), "parent@test.example", "Facture n°1", new Uri("http://localhost/n"), new Uri("http://localhost/r")), CancellationToken.None));

        Assert.Equal(PayFipOutcome.Pending, pending.Outcome);
        Assert.Equal("P5", pending.ResultTrans);
        Assert.Equal(PayFipOutcome.Paid, paid.Outcome);
        Assert.Equal(1234, paid.AmountInCents);
        Assert.Equal(refDet, paid.RefDet);
        Assert.Matches("^[0-9]{8} [0-9]{4}$", paid.PaidAt);
        Assert.Equal(PayFipOutcome.UnknownOperation, unknown.Outcome);
        Assert.Contains("R9", again.Message, StringComparison.Ordinal);
        Assert.Contains("R5", badObjet.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_provider_is_refused_in_production()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PayFip:TestProvider"] = "true" })
            .Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };

        var refused = Assert.Throws<InvalidOperationException>(() => { new ServiceCollection().AddOnlinePayments(configuration, production); });

        Assert.Contains("PayFip:TestProvider est interdit en production", refused.Message, StringComparison.Ordinal);
        var development = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" };
        new ServiceCollection().AddOnlinePayments(configuration, development);
    }

    private static string Token(HtmlPage page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task AnnounceAsync(HttpClient http, string how, OnlinePaymentAttemptRecord attempt)
    {
        using var response = how == "notification"
            ? await http.PostAsync(PaymentEndpoints.NotificationPath, new FormUrlEncodedContent([new("idOp", attempt.IdOp!)]))
            : await http.PostAsync(PaymentEndpoints.ReturnPath, new FormUrlEncodedContent([new("idOp", attempt.IdOp!)]));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{how}: {(int)response.StatusCode}");
    }

    private async Task<(TestAccount Family, Invoice Invoice, OnlinePaymentAttemptRecord Attempt)> StartedAsync(string name, decimal total)
    {
        var family = await TestData.CreateFamilyAsync(factory, name);
        var invoice = await InvoiceAsync(family, total);
        var started = await StartAsync(family, invoice);
        Assert.True(started.Succeeded, string.Join(" ", started.Refusals.Select(r => r.Message)));
        return (family, invoice, started.Value.Attempt);
    }

    private async Task<Domain.Common.Outcome<StartedPayment>> StartAsync(TestAccount family, Invoice invoice)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OnlinePayments>()
            .StartAsync(family.FamilyId!.Value, invoice.Id, family.Email, "Alice " + invoice.FamilyName, CancellationToken.None);
    }

    private async Task DecideAsync(OnlinePaymentAttemptRecord attempt, string result)
    {
        using var scope = factory.Services.CreateScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<PayFipTestProvider>().DecideAsync(attempt.IdOp!, result, CancellationToken.None));
    }

    private async Task CheckPendingAsync()
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OnlinePayments>().CheckPendingAsync(CancellationToken.None);
    }

    private Task<Invoice> InvoiceAsync(TestAccount family, decimal total) =>
        BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "FAMILLE Alice", new DateOnly(2026, 12, 1),
            new TestLine("Enfant FAMILLE", "Restaurant scolaire", "Repas", BillingKind.Reserved, 1, total));

    private Task<Invoice> InvoiceOfAsync(Invoice invoice) =>
        factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));

    private Task<OnlinePaymentAttemptRecord> OnlyAttemptAsync(Invoice invoice) =>
        factory.WithDbAsync(db => db.OnlinePaymentAttempts.AsNoTracking().SingleAsync(a => a.InvoiceId == invoice.Id));

    private Task<List<Payment>> PaymentsAsync(TestAccount family) =>
        factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.FamilyId == family.FamilyId).ToListAsync());

    private async Task<PortalClient> SignedInAsync(TestAccount family)
    {
        var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);
        return client;
    }

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }
}
