using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Tests.Infrastructure;
using PortailFamille.Web.Tests.Reservations;

namespace PortailFamille.Web.Tests.Billing;

/// <summary>
/// "Établir un avoir" on an invoice, from the agents' invoice page: in part or in whole,
/// refused beyond what remains, numbered without gaps even when two agents issue at once, and
/// announced to the family by email. On a fixed clock (13/01/2027), so the series is 2027's.
/// </summary>
public sealed class CreditNoteTests(CalendarFactory factory) : IClassFixture<CalendarFactory>
{
    private const string Form = "form[action*='handler=CreditNote']";

    [Fact]
    public async Task A_partial_credit_note_lowers_what_remains_changes_the_status_and_emails_the_family()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Partiel");
        // The second parent follows the account too, and is told as well.
        var secondParent = TestData.UniqueEmail("parent2");
        await factory.WithDbAsync(async db =>
        {
            var file = await db.Families.SingleAsync(f => f.Id == family.FamilyId);
            Assert.True(file.AddSecondGuardian("Bruno", "Partiel", secondParent).Succeeded);
            return await db.SaveChangesAsync();
        });
        var invoice = await InvoiceAsync(family, 20m);
        await factory.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoice.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Paid, 5m)));
        var mark = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var before = await agent.GetAsync($"/gestion/factures/{invoice.Id}");
        Assert.Contains("Partiellement payée", before.Text, StringComparison.Ordinal);
        var answer = await agent.SubmitAsync(before, new Dictionary<string, string> { ["CreditNote.Amount"] = "15,00", ["CreditNote.Reason"] = "Sortie annulée" }, Form);

        Assert.Equal($"/gestion/factures/{invoice.Id}", answer.Location);
        var saved = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal(15m, saved.Credited);
        Assert.Equal(0m, saved.Amounts.Remaining);
        Assert.Equal(InvoiceStatus.Paid, saved.Amounts.Status);
        var note = await factory.WithDbAsync(db => db.CreditNotes.AsNoTracking().SingleAsync(n => n.InvoiceId == invoice.Id));
        Assert.Equal(15m, note.Amount);
        Assert.Equal("Sortie annulée", note.Reason);
        Assert.StartsWith("AV-2027-", note.Number, StringComparison.Ordinal);
        var page = await agent.GetAsync($"/gestion/factures/{invoice.Id}");
        Assert.Contains("Payée", page.Text, StringComparison.Ordinal);
        Assert.Contains(note.Number, page.Text, StringComparison.Ordinal);

        var mail = Assert.Single(await factory.QueuedMailsToAsync(family.Email, mark));
        Assert.Contains(note.Number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(note.Number, Assert.Single(await factory.QueuedMailsToAsync(secondParent, mark)).Subject, StringComparison.Ordinal);
        Assert.Contains("http://localhost/famille/compte", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/pdf", mail.TextBody, StringComparison.Ordinal);
        var history = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == family.FamilyId).Select(e => e.Description).ToListAsync());
        Assert.Contains(history, d => d.Contains(note.Number, StringComparison.Ordinal) && d.Contains(invoice.Number, StringComparison.Ordinal));

        // The family sees it too, with what remains.
        using var parent = factory.NewClient();
        await parent.SignInFamilyAsync(family.Email, family.Password);
        var list = await parent.GetAsync("/famille/compte/factures");
        Assert.Contains(note.Number, list.Text, StringComparison.Ordinal);
        Assert.NotNull(list.Document.QuerySelector($"a[aria-label=\"PDF de l'avoir {note.Number}\"]"));
    }

    [Fact]
    public async Task A_credit_note_above_what_remains_is_refused_in_french_and_nothing_is_saved()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Refus");
        var invoice = await InvoiceAsync(family, 12.5m);
        var counter = await CounterAsync();
        var mark = await factory.OutboxMarkAsync();
        using var agent = await AgentAsync();

        var answer = await agent.SubmitAsync($"/gestion/factures/{invoice.Id}", new Dictionary<string, string> { ["CreditNote.Amount"] = "12,51", ["CreditNote.Reason"] = "Erreur de saisie" }, Form);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Le montant de l'avoir ne peut dépasser ce qui reste à annuler sur la facture (12,50 €).", BillingTestData.Normalize(string.Join(" ", answer.Errors)), StringComparison.Ordinal);
        Assert.Equal(0m, (await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id))).Credited);
        Assert.False(await factory.WithDbAsync(db => db.CreditNotes.AnyAsync(n => n.InvoiceId == invoice.Id)));
        Assert.Equal(counter, await CounterAsync());
        Assert.Empty(await factory.QueuedMailsToAsync(family.Email, mark));

        // A reason is required, and an amount typed the French way.
        var noReason = await agent.SubmitAsync($"/gestion/factures/{invoice.Id}", new Dictionary<string, string> { ["CreditNote.Amount"] = "2,50", ["CreditNote.Reason"] = " " }, Form);
        Assert.Contains(noReason.Errors, e => e.StartsWith("Indiquez le motif de l'avoir", StringComparison.Ordinal));
        var notANumber = await agent.SubmitAsync($"/gestion/factures/{invoice.Id}", new Dictionary<string, string> { ["CreditNote.Amount"] = "deux", ["CreditNote.Reason"] = "Erreur" }, Form);
        Assert.Contains(notANumber.Errors, e => e.StartsWith("Saisissez le montant de l'avoir en euros", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.CreditNotes.AnyAsync(n => n.InvoiceId == invoice.Id)));
    }

    [Fact]
    public async Task A_whole_credit_note_cancels_the_invoice_and_frees_its_days()
    {
        var registration = await CalendarTestData.FamilyWithRegistrationAsync(factory, "Restaurant scolaire");
        var familyId = registration.Account.FamilyId!.Value;
        var unitId = registration.Units[0].Id;
        var invoice = await BillingTestData.CreateInvoiceAsync(factory, familyId, "DURAND Alice", new DateOnly(2026, 12, 1),
            new TestLine("Zoé DURAND", "Restaurant scolaire", "Repas", BillingKind.Reserved, 2, 3.1m, registration.RegistrationId));
        var day = new DateOnly(2026, 12, 7);
        await factory.WithDbAsync(async db =>
        {
            db.BilledDays.AddRange(
                new BilledDay { ChildId = registration.ChildId, UnitId = unitId, Date = day, InvoiceId = invoice.Id },
                new BilledDay { ChildId = registration.ChildId, UnitId = unitId, Date = day.AddDays(1), InvoiceId = invoice.Id });
            return await db.SaveChangesAsync();
        });
        using var agent = await AgentAsync();

        var answer = await agent.SubmitAsync($"/gestion/factures/{invoice.Id}", new Dictionary<string, string> { ["CreditNote.WholeInvoice"] = "true", ["CreditNote.Reason"] = "Jours facturés par erreur" }, Form);

        Assert.Equal($"/gestion/factures/{invoice.Id}", answer.Location);
        var saved = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal(6.2m, saved.Credited);
        Assert.Equal(InvoiceStatus.Cancelled, saved.Amounts.Status);
        Assert.Equal(6.2m, (await factory.WithDbAsync(db => db.CreditNotes.AsNoTracking().SingleAsync(n => n.InvoiceId == invoice.Id))).Amount);
        Assert.False(await factory.WithDbAsync(db => db.BilledDays.AnyAsync(d => d.InvoiceId == invoice.Id)));
        var page = await agent.GetAsync($"/gestion/familles/{familyId}");
        Assert.Contains("Annulée", page.Text, StringComparison.Ordinal);
        Assert.Null((await agent.GetAsync($"/gestion/factures/{invoice.Id}")).Document.QuerySelector(Form));

        // The family's list says so too.
        using var parent = factory.NewClient();
        await parent.SignInFamilyAsync(registration.Account.Email, registration.Account.Password);
        var list = await parent.GetAsync("/famille/compte/factures");
        Assert.Contains("Annulée", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_agents_issuing_at_the_same_instant_never_pass_the_total_and_leave_no_gap()
    {
        using var first = await AgentAsync();
        using var second = await AgentAsync();
        for (var round = 0; round < 4; round++)
        {
            var family = await TestData.CreateFamilyAsync(factory, "Concurrence");
            var invoice = await InvoiceAsync(family, 10m);
            // Even rounds: both notes fit; odd rounds: only one does.
            var amount = round % 2 == 0 ? "4,00" : "6,00";
            var pages = new[] { await first.GetAsync($"/gestion/factures/{invoice.Id}"), await second.GetAsync($"/gestion/factures/{invoice.Id}") };
            var clients = new[] { first, second };

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posts = Enumerable.Range(0, 2)
                .Select(i => Task.Run(async () =>
                {
                    await go.Task;
                    return await clients[i].SubmitAsync(pages[i], new Dictionary<string, string> { ["CreditNote.Amount"] = amount, ["CreditNote.Reason"] = $"Correction {i}" }, Form);
                }))
                .ToList();
            go.SetResult();
            var answers = await Task.WhenAll(posts);

            var saved = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
            var notes = await factory.WithDbAsync(db => db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == invoice.Id).ToListAsync());
            Assert.True(saved.Credited <= saved.Total);
            Assert.Equal(notes.Sum(n => n.Amount), saved.Credited);
            if (round % 2 == 0)
            {
                Assert.All(answers, a => Assert.Equal($"/gestion/factures/{invoice.Id}", a.Location));
                Assert.Equal(2, notes.Count);
            }
            else
            {
                Assert.Single(answers, a => a.Location == $"/gestion/factures/{invoice.Id}");
                Assert.Single(answers, a => a.Errors.Any(e => e.StartsWith("Le montant de l'avoir ne peut dépasser", StringComparison.Ordinal)));
                Assert.Single(notes);
            }
        }

        // The year's series has no gap and no number twice, and the counter stands at the last.
        var sequences = await factory.WithDbAsync(db => db.CreditNotes.AsNoTracking().Where(n => n.Year == 2027).OrderBy(n => n.Sequence).Select(n => n.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(sequences.Count, await CounterAsync());
        var numbers = await factory.WithDbAsync(db => db.CreditNotes.AsNoTracking().Where(n => n.Year == 2027).Select(n => n.Number).ToListAsync());
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task A_family_cannot_issue_a_credit_note()
    {
        var family = await TestData.CreateFamilyAsync(factory, "Famille");
        var invoice = await InvoiceAsync(family, 8m);
        using var client = factory.NewClient();
        await client.SignInFamilyAsync(family.Email, family.Password);

        var page = await client.GetAsync($"/gestion/factures/{invoice.Id}");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector(Form));
        Assert.False(await factory.WithDbAsync(db => db.CreditNotes.AnyAsync(n => n.InvoiceId == invoice.Id)));
    }

    /// <summary>A credit note issued through the portal's own service, for tests about what follows.</summary>
    public static async Task<CreditNote> IssueDirectlyAsync(PortalFactory factory, Guid invoiceId, decimal amount)
    {
        using var scope = factory.Services.CreateScope();
        var issuing = scope.ServiceProvider.GetRequiredService<CreditNoteIssuing>();
        var outcome = await issuing.IssueAsync(invoiceId, amount, "Correction", "Tests", CancellationToken.None);
        return outcome.Value;
    }

    private Task<Invoice> InvoiceAsync(TestAccount family, decimal total) =>
        BillingTestData.CreateInvoiceAsync(factory, family.FamilyId!.Value, "FAMILLE Alice", new DateOnly(2026, 12, 1),
            new TestLine("Enfant FAMILLE", "Restaurant scolaire", "Repas", BillingKind.Reserved, 1, total));

    private async Task<PortalClient> AgentAsync()
    {
        var agent = await TestData.CreateStaffAsync(factory, Roles.Agent);
        var client = factory.NewClient();
        await client.SignInStaffAsync(agent.Email, agent.Password);
        return client;
    }

    private Task<long> CounterAsync() =>
        factory.WithDbAsync(async db => await db.DocumentSequences.AsNoTracking()
            .Where(s => s.Series == DocumentNumber.CreditNoteSeries && s.Year == 2027)
            .Select(s => (long?)s.Last).SingleOrDefaultAsync() ?? 0);
}
