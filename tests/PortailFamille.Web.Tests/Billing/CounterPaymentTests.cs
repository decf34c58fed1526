using System.Net;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Enregistrer un règlement" on the family file: a desk payment spread over the invoices the
/// oldest first or as chosen, its receipt numbered without gaps, the leftover kept as credit,
/// the cancelling that gives the invoices back what it paid, and the receipt the family
/// downloads. On a fixed clock (13/01/2027), so the series is 2027's.
/// </summary>
public sealed class CounterPaymentTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private const string Form = "form[action*='handler=Payment']";
    private const string CancelForm = "form[action*='handler=Cancel']";

    [Fact]
    public async Task A_cheque_pays_two_invoices_oldest_first_with_a_receipt_number_an_audit_entry_and_an_email_to_both_parents()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Cheque");
        var secondParent = TestData.UniqueEmail("parent2");
        await factory.WithDbAsync(async db =>
        {
            var file = await db.Families.SingleAsync(f => f.Id == family.FamilyId);
            Assert.True(file.AddSecondGuardian("Bruno", "Cheque", secondParent).Succeeded);
            return await db.SaveChangesAsync();
        });
        var older = await InvoiceAsync(family, 20m);
        var newer = await InvoiceAsync(family, 30m);
        var mark = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var page = await agent.GetAsync(FamilyUrl(family));
        Assert.Equal("CHEQUE Alice", (page.Document.QuerySelector("#Payment_Payer") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        var answer = await agent.SubmitAsync(page, Cheque("35,00"), Form);

        Assert.Equal(FamilyUrl(family), answer.Location);
        var first = await OnlyPaymentAsync(family);
        Assert.Equal(DocumentNumber.Format(DocumentNumber.ReceiptSeries, 2027, first.Sequence), first.Number);
        Assert.StartsWith("R-2027-", first.Number, StringComparison.Ordinal);
        Assert.Equal(PaymentMethod.Cheque, first.Method);
        Assert.Equal(35m, first.Amount);
        Assert.Equal("1234567", first.ChequeNumber);
        Assert.Equal(new DateOnly(2027, 1, 10), first.ReceivedOn);
        var (olderSaved, newerSaved) = (await InvoiceOfAsync(older), await InvoiceOfAsync(newer));
        Assert.Equal(20m, olderSaved.Paid);
        Assert.Equal(InvoiceStatus.Paid, olderSaved.Amounts.Status);
        Assert.Equal(15m, newerSaved.Paid);
        Assert.Equal(InvoiceStatus.PartlyPaid, newerSaved.Amounts.Status);
        var allocations = await factory.WithDbAsync(db => db.PaymentAllocations.AsNoTracking().Where(a => a.PaymentId == first.Id).ToListAsync());
        Assert.Equal(2, allocations.Count);

        var file = BillingTestData.Normalize((await agent.GetAsync(FamilyUrl(family))).Text);
        Assert.Contains(first.Number, file, StringComparison.Ordinal);
        Assert.Contains("Partiellement payée", file, StringComparison.Ordinal);
        Assert.Contains("Payée", file, StringComparison.Ordinal);
        Assert.Contains("Crédit disponible : 0,00 €", file, StringComparison.Ordinal);

        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => BillingTestData.Normalize(d).Contains($"Règlement {first.Number} de 35,00 € par chèque n° 1234567", StringComparison.Ordinal)
            && d.Contains(older.Number, StringComparison.Ordinal) && d.Contains(newer.Number, StringComparison.Ordinal));
        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Email, mark));
        Assert.StartsWith($"Votre règlement {first.Number} a été enregistré", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("http://localhost/famille/compte", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await factory.QueuedMailsToAsync(secondParent, mark));

        // The next receipt takes the next number: no gap.
        var cash = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "15,00" }, Form);
        Assert.Equal(FamilyUrl(family), cash.Location);
        var second = await factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.FamilyId == family.FamilyId && p.Id != first.Id));
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Null(second.ChequeNumber);
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOfAsync(newer)).Amounts.Status);
        var sequences = await factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.Year == 2027).OrderBy(p => p.Sequence).Select(p => p.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task An_overpayment_becomes_a_credit_shown_to_the_agent_and_to_the_family()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Credit");
        var invoice = await InvoiceAsync(family, 10m);
        using var agent = await AgentAsync();

        var answer = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "22,50" }, Form);

        Assert.Equal(FamilyUrl(family), answer.Location);
        Assert.Equal(10m, (await InvoiceOfAsync(invoice)).Paid);
        Assert.Contains("Crédit disponible : 12,50 €", BillingTestData.Normalize((await agent.GetAsync(FamilyUrl(family))).Text), StringComparison.Ordinal);

        using var parent = factory.NewClient();
        await parent.SignInFamilyAsync(family.Email, family.Password);
        var account = BillingTestData.Normalize((await parent.GetAsync("/famille/compte")).Text);
        Assert.Contains("Crédit disponible : 12,50 €", account, StringComparison.Ordinal);
        Assert.Contains("Situation financière Famille au 13/01/2027 : 12,50 €", account, StringComparison.Ordinal);
        var list = await parent.GetAsync("/famille/compte/reglements");
        Assert.Contains("Crédit disponible : 12,50 €", BillingTestData.Normalize(list.Text), StringComparison.Ordinal);
        Assert.Contains("Espèces", list.Text, StringComparison.Ordinal);

        // The next payment spends the credit on what it leaves due.
        var overpaid = await OnlyPaymentAsync(family);
        var next = await InvoiceAsync(family, 20m);
        var cash = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "5,00" }, Form);
        Assert.Equal(FamilyUrl(family), cash.Location);
        Assert.Equal(17.5m, (await InvoiceOfAsync(next)).Paid);
        var fromCredit = await factory.WithDbAsync(db => db.PaymentAllocations.AsNoTracking().SingleAsync(a => a.PaymentId == overpaid.Id && a.InvoiceId == next.Id));
        Assert.Equal(12.5m, fromCredit.Amount);
        Assert.Contains("Crédit disponible : 0,00 €", BillingTestData.Normalize((await agent.GetAsync(FamilyUrl(family))).Text), StringComparison.Ordinal);
        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => d.Contains("crédit utilisé", StringComparison.Ordinal) && d.Contains(overpaid.Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agent_may_choose_the_invoice_and_may_not_pay_more_than_it_owes()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Choix");
        var older = await InvoiceAsync(family, 10m);
        var newer = await InvoiceAsync(family, 20m);
        using var agent = await AgentAsync();

        var tooMuch = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Card", ["Payment.Amount"] = "15,00", ["Payment.Allocations[0].Amount"] = "12,00" }, Form);
        Assert.Equal(HttpStatusCode.OK, tooMuch.Status);
        Assert.Contains(tooMuch.Errors, e => BillingTestData.Normalize(e) == $"Le montant pour la facture {older.Number} ne peut dépasser ce qui reste à payer (10,00 €).");
        Assert.False(await factory.WithDbAsync(db => db.Payments.AnyAsync(p => p.FamilyId == family.FamilyId)));

        var answer = await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Card", ["Payment.Amount"] = "15,00", ["Payment.Allocations[1].Amount"] = "15,00" }, Form);

        Assert.Equal(FamilyUrl(family), answer.Location);
        Assert.Equal(0m, (await InvoiceOfAsync(older)).Paid);
        Assert.Equal(15m, (await InvoiceOfAsync(newer)).Paid);
    }

    [Fact]
    public async Task Mistakes_are_told_in_french_next_to_their_fields_and_nothing_is_saved()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Erreurs");
        await InvoiceAsync(family, 10m);
        var counter = await CounterAsync();
        using var agent = await AgentAsync();

        async Task<IReadOnlyList<string>> ErrorsAsync(Dictionary<string, string> values)
        {
            var answer = await agent.SubmitAsync(FamilyUrl(family), values, Form);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            return [.. answer.Errors.Select(BillingTestData.Normalize)];
        }

        Assert.Contains("Saisissez le montant en euros, par exemple 12,50.", await ErrorsAsync(Cheque("douze")));
        Assert.Contains("Le montant doit être supérieur à 0,00 €.", await ErrorsAsync(Cheque("0")));
        Assert.Contains("Le montant s'écrit avec au plus 2 décimales.", await ErrorsAsync(Cheque("1,005")));
        Assert.Contains(await ErrorsAsync(new(Cheque("5,00")) { ["Payment.Date"] = "32/13/2027" }), e => e.StartsWith("Saisissez la date du paiement au format jj/mm/aaaa", StringComparison.Ordinal));
        Assert.Contains("La date du paiement ne peut pas être dans le futur.", await ErrorsAsync(new(Cheque("5,00")) { ["Payment.Date"] = "14/01/2027" }));
        var noCheque = await ErrorsAsync(new(Cheque("5,00")) { ["Payment.ChequeNumber"] = "", ["Payment.Bank"] = "" });
        Assert.Contains("Indiquez le numéro du chèque.", noCheque);
        Assert.Contains("Indiquez la banque du chèque.", noCheque);
        Assert.Contains("Indiquez qui a payé.", await ErrorsAsync(new(Cheque("5,00")) { ["Payment.Payer"] = " " }));
        Assert.Contains("Choisissez le mode de paiement.", await ErrorsAsync(new(Cheque("5,00")) { ["Payment.Method"] = "Troc" }));
        Assert.Contains(await ErrorsAsync(new(Cheque("5,00")) { ["Payment.Method"] = "Online" }), e => e.StartsWith("Un paiement en ligne ne se saisit pas au guichet", StringComparison.Ordinal));

        Assert.False(await factory.WithDbAsync(db => db.Payments.AnyAsync(p => p.FamilyId == family.FamilyId)));
        Assert.Equal(counter, await CounterAsync());
    }

    [Fact]
    public async Task Cancelling_a_payment_gives_the_invoices_back_what_it_paid_and_needs_a_reason()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Annulation");
        var invoice = await InvoiceAsync(family, 10m);
        using var agent = await AgentAsync();
        await agent.SubmitAsync(FamilyUrl(family), new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "14,00" }, Form);
        var payment = await OnlyPaymentAsync(family);
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOfAsync(invoice)).Amounts.Status);

        var noReason = await agent.SubmitAsync($"/gestion/reglements/{payment.Id}", new Dictionary<string, string> { ["Reason"] = " " }, CancelForm);
        Assert.Contains("Indiquez le motif de l'annulation du règlement.", noReason.Errors);
        Assert.Null((await OnlyPaymentAsync(family)).CancelledAt);

        var answer = await agent.SubmitAsync($"/gestion/reglements/{payment.Id}", new Dictionary<string, string> { ["Reason"] = "Chèque sans provision" }, CancelForm);

        Assert.Equal($"/gestion/reglements/{payment.Id}", answer.Location);
        var cancelled = await OnlyPaymentAsync(family);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Equal("Chèque sans provision", cancelled.CancelReason);
        var saved = await InvoiceOfAsync(invoice);
        Assert.Equal(0m, saved.Paid);
        Assert.Equal(InvoiceStatus.Issued, saved.Amounts.Status);
        // The allocation stays, as a record of what the payment did.
        Assert.True(await factory.WithDbAsync(db => db.PaymentAllocations.AnyAsync(a => a.PaymentId == payment.Id)));
        var filePage = await agent.GetAsync(FamilyUrl(family));
        Assert.Equal("Annulé", filePage.Document.QuerySelector("section[aria-labelledby='titre-reglements'] td[data-label='État']")?.TextContent.Trim());
        Assert.Contains("Crédit disponible : 0,00 €", BillingTestData.Normalize(filePage.Text), StringComparison.Ordinal);
        var invoicePage = await agent.GetAsync($"/gestion/factures/{invoice.Id}");
        Assert.Contains(payment.Number, invoicePage.Text, StringComparison.Ordinal);
        var receipt = await agent.Http.GetAsync($"/gestion/reglements/{payment.Id}/pdf");
        Assert.Contains("ANNULÉ", BillingTestData.PdfText(await receipt.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => d.Contains($"Règlement {payment.Number}", StringComparison.Ordinal) && d.Contains("Chèque sans provision", StringComparison.Ordinal));
        Assert.Null((await agent.GetAsync($"/gestion/reglements/{payment.Id}")).Document.QuerySelector(CancelForm));
    }

    [Fact]
    public async Task Two_agents_paying_the_same_invoice_at_the_same_instant_never_pay_more_than_is_due()
    {
        using var first = await AgentAsync();
        using var second = await AgentAsync();
        var clients = new[] { first, second };
        for (var round = 0; round < 4; round++)
        {
            var family = await TestData.CreateFamilyAsync(factory, "Concurrence");
            var invoice = await InvoiceAsync(family, 10m);
            var pages = new[] { await first.GetAsync(FamilyUrl(family)), await second.GetAsync(FamilyUrl(family)) };
            // Even rounds: oldest first, the second payment's rest is credit; odd rounds: both
            // choose 6 € on the invoice, only one fits.
            var values = round % 2 == 0
                ? new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "6,00" }
                : new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "6,00", ["Payment.Allocations[0].Amount"] = "6,00" };

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = Enumerable.Range(0, 2)
                .Select(i => Task.Run(async () =>
                {
                    await go.Task;
                    return await clients[i].SubmitAsync(pages[i], values, Form);
                }))
                .ToList();
            go.SetResult();
            var answers = await Task.WhenAll(posts);

            Assert.All(answers, a => Assert.True((int)a.Status < 500));
            var saved = await InvoiceOfAsync(invoice);
            var allocated = await factory.WithDbAsync(db => db.PaymentAllocations.AsNoTracking().Where(a => a.InvoiceId == invoice.Id).ToListAsync());
            Assert.True(saved.Paid <= saved.Total);
            Assert.Equal(allocated.Sum(a => a.Amount), saved.Paid);
            var payments = await factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.FamilyId == family.FamilyId).ToListAsync());
            if (round % 2 == 0)
            {
                Assert.All(answers, a => Assert.Equal(FamilyUrl(family), a.Location));
                Assert.Equal(2, payments.Count);
                Assert.Equal(10m, saved.Paid);
            }
            else
            {
                Assert.Single(answers, a => a.Location == FamilyUrl(family));
                Assert.Single(payments);
                Assert.Equal(6m, saved.Paid);
            }
        }

        var sequences = await factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.Year == 2027).OrderBy(p => p.Sequence).Select(p => p.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(sequences.Count, await CounterAsync());
    }

    [Fact]
    public async Task The_family_downloads_its_receipt_and_not_another_familys()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Recu");
        var other = await TestData.CreateFamilyAsync(factory, "Autre");
        var invoice = await InvoiceAsync(family, 30m);
        await InvoiceAsync(other, 5m);
        using var agent = await AgentAsync();
        await agent.SubmitAsync(FamilyUrl(family), Cheque("35,00"), Form);
        await agent.SubmitAsync(FamilyUrl(other), new Dictionary<string, string> { ["Payment.Method"] = "Cash", ["Payment.Amount"] = "5,00" }, Form);
        var payment = await OnlyPaymentAsync(family);
        var othersPayment = await OnlyPaymentAsync(other);

        using var parent = factory.NewClient();
        await parent.SignInFamilyAsync(family.Email, family.Password);
        var list = await parent.GetAsync("/famille/compte/reglements");
        Assert.Contains(payment.Number, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(othersPayment.Number, list.Text, StringComparison.Ordinal);
        Assert.NotNull((await parent.GetAsync("/famille/compte")).Document.QuerySelector("a[href='/famille/compte/reglements']"));
        var link = list.Document.QuerySelector($"a[aria-label=\"PDF du reçu du règlement {payment.Number}\"]");
        Assert.NotNull(link);

        var response = await parent.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = BillingTestData.PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(payment.Number, text, StringComparison.Ordinal);
        Assert.Contains("35,00 €", text, StringComparison.Ordinal);
        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("1234567", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await parent.Http.GetAsync($"/famille/compte/reglements/{othersPayment.Id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync($"/gestion/reglements/{othersPayment.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task The_same_form_sent_twice_or_five_times_at_once_records_one_payment()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Doubleclic");
        await InvoiceAsync(family, 10m);
        using var agent = await AgentAsync();
        var page = await agent.GetAsync(FamilyUrl(family));

        var first = await agent.SubmitAsync(page, Cheque("10,00"), Form);
        var again = await agent.SubmitAsync(page, Cheque("10,00"), Form);

        Assert.Equal(FamilyUrl(family), first.Location);
        Assert.Equal(FamilyUrl(family), again.Location);
        var payment = await OnlyPaymentAsync(family);

        var other = await TestData.CreateFamilyAsync(factory, "Rafale");
        await InvoiceAsync(other, 10m);
        var form = await agent.GetAsync(FamilyUrl(other));
        var burst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => agent.SubmitAsync(form, Cheque("10,00"), Form)));

        Assert.All(burst, b => Assert.Equal(FamilyUrl(other), b.Location));
        Assert.Single(await factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.FamilyId == other.FamilyId).ToListAsync()));
        // A new showing of the form is a new payment.
        await agent.SubmitAsync(FamilyUrl(family), Cheque("1,00"), Form);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Payments.CountAsync(p => p.FamilyId == family.FamilyId)));
        Assert.NotNull(payment.RequestKey);
    }

    private static Dictionary<string, string> Cheque(string amount) => new()
    {
        ["Payment.Method"] = "Cheque",
        ["Payment.Amount"] = amount,
        ["Payment.Date"] = "10/01/2027",
        ["Payment.ChequeNumber"] = "1234567",
        ["Payment.Bank"] = "Banque Postale",
    };

    private static string FamilyUrl(TestAccount family) => $"/gestion/familles/{family.FamilyId}";

    private Task<Invoice> InvoiceAsync(TestAccount family, decimal total) =>
        BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "FAMILLE Alice", new DateOnly(2026, 12, 1),
            new TestLine("Enfant FAMILLE", "Restaurant scolaire", "Repas", BillingKind.Reserved, 1, total));

    private Task<Invoice> InvoiceOfAsync(Invoice invoice) =>
        factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));

    private Task<Payment> OnlyPaymentAsync(TestAccount family) =>
        factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.FamilyId == family.FamilyId));

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }

    private Task<long> CounterAsync() =>
        factory.WithDbAsync(async db => await db.DocumentSequences.AsNoTracking()
            .Where(s => s.Series == DocumentNumber.ReceiptSeries && s.Year == 2027)
            .Select(s => (long?)s.Last).SingleOrDefaultAsync() ?? 0);
}
