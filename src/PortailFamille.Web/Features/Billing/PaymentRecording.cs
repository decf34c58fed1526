using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Records a payment taken at the desk (docs/product.md 4.7) and cancels one. Recording: the
/// family locked, its open invoices read afresh, the payment spread oldest first or as the
/// agent chose (<see cref="PaymentAllocation"/>), a receipt number of its own gap-free series,
/// each invoice's paid amount raised by a conditional update that never passes what remains,
/// the audit entry and the parents' email, all in one transaction. What no invoice takes is the
/// family's credit, which the next payment spends on what it leaves due, the oldest invoices
/// first. Cancelling: once only, each invoice's paid amount lowered back.
/// </summary>
public sealed class PaymentRecording(AppDbContext db, AuditTrail audit, Mailer mailer, LinkBuilder links, ParisClock clock, IOptions<MunicipalityOptions> municipality)
{
    /// <summary>Longest reason for cancelling a payment.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Records a desk payment of the family. <paramref name="chosen"/> empty spreads it oldest
    /// first. Returns the payment, or the French refusals with nothing saved. The form's
    /// <paramref name="requestKey"/>, new each time the form is shown, makes a second sending
    /// of the same form (a double click, a page sent again) return the payment it recorded
    /// instead of recording another: a unique index on it is the guarantee.
    /// </summary>
    public async Task<Outcome<Payment>> RecordAsync(
        Guid familyId, PaymentMethod method, decimal amount, DateOnly date, string? payer, string? chequeNumber, string? bank,
        IReadOnlyList<Allocation> chosen, string recordedBy, Guid? requestKey, CancellationToken cancellationToken)
    {
        if (requestKey is { } sentBefore && await SentBeforeAsync(familyId, sentBefore, cancellationToken) is { } already)
        {
            return Outcome<Payment>.Success(already);
        }

        ArgumentNullException.ThrowIfNull(chosen);
        var entry = PaymentEntry.Create(method, amount, date, clock.Today, payer, chequeNumber, bank);
        if (!entry.Succeeded)
        {
            return Outcome<Payment>.Refused(entry.Refusals);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var recorded = await RecordInTransactionAsync(
                familyId,
                entry.Value,
                open => chosen.Count == 0 ? Outcome<PaymentSplit>.Success(PaymentAllocation.OldestFirst(entry.Value.Amount, open)) : PaymentAllocation.Chosen(entry.Value.Amount, open, chosen),
                recordedBy,
                cancellationToken,
                requestKey);
            if (recorded.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return recorded;
        }
        catch (DbUpdateException e) when (requestKey is { } key && UniqueViolation.Is(e))
        {
            // The same form, sent twice at the same instant: the other sending recorded it.
            db.ChangeTracker.Clear();
            return await SentBeforeAsync(familyId, key, cancellationToken) is { } recorded
                ? Outcome<Payment>.Success(recorded)
                : throw new InvalidOperationException("A payment's request key clashed with no payment of the family.", e);
        }
    }

    private Task<Payment?> SentBeforeAsync(Guid familyId, Guid requestKey, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.RequestKey == requestKey && p.FamilyId == familyId, cancellationToken);

    /// <summary>
    /// Records a payment inside the caller's transaction, which commits it (or rolls it back on
    /// a refusal): the family locked, <paramref name="spread"/> deciding from the open invoices
    /// read afresh which of them the payment pays, the rest kept as credit. Used by the desk and
    /// by the online payment, whose attempt changes state in the same transaction.
    /// </summary>
    internal async Task<Outcome<Payment>> RecordInTransactionAsync(
        Guid familyId, CounterPayment typed, Func<IReadOnlyList<OpenInvoice>, Outcome<PaymentSplit>> spread, string recordedBy, CancellationToken cancellationToken, Guid? requestKey = null)
    {
        // Two agents taking payments of the same family wait for each other: the second reads
        // the invoices as the first left them.
        await BillingLocks.LockFamiliesAsync(db, [familyId], cancellationToken);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.FamilyId == familyId)
            .Select(i => new { i.Id, i.Number, i.IssuedOn, i.Total, i.Credited, i.Paid })
            .ToListAsync(cancellationToken);
        var open = invoices
            .Select(i => new OpenInvoice(i.Id, i.IssuedOn, i.Number, new InvoiceAmounts(i.Total, i.Credited, i.Paid).Remaining))
            .Where(i => i.Remaining > 0)
            .ToList();
        var split = spread(open);
        if (!split.Succeeded)
        {
            return Outcome<Payment>.Refused(split.Refusals);
        }

        var today = clock.Today;
        var year = today.Year;
        var sequence = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.ReceiptSeries, year, 1, cancellationToken);
        var numbers = invoices.ToDictionary(i => i.Id, i => i.Number);
        foreach (var part in split.Value.Allocations)
        {
            var (invoiceId, value) = part;
            // The database decides: the invoice is paid at most what its credit notes leave.
            var raised = await db.Invoices
                .Where(i => i.Id == invoiceId && i.FamilyId == familyId && i.Paid + i.Credited + value <= i.Total)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Paid, i => i.Paid + value), cancellationToken);
            if (raised == 0)
            {
                return Outcome<Payment>.Refused([new("Amount", $"La facture {numbers[invoiceId]} a changé : rechargez la page.")]);
            }
        }

        // The family's credit, left by earlier payments, pays what this one leaves due.
        var stillDue = open
            .Select(i => i with { Remaining = i.Remaining - split.Value.Allocations.Where(a => a.InvoiceId == i.Id).Sum(a => a.Amount) })
            .Where(i => i.Remaining > 0)
            .ToList();
        var creditUsed = stillDue.Count == 0 ? [] : await SpendCreditAsync(familyId, stillDue, numbers, await CreditRefunds.CreditsAsync(db, familyId, cancellationToken), cancellationToken);
        if (creditUsed is null)
        {
            return Outcome<Payment>.Refused([new("Amount", "Une facture a changé : rechargez la page.")]);
        }

        var payment = new Payment
        {
            Id = Guid.NewGuid(),
            Number = DocumentNumber.Format(DocumentNumber.ReceiptSeries, year, sequence),
            Year = year,
            Sequence = sequence,
            FamilyId = familyId,
            Method = typed.Method,
            Amount = typed.Amount,
            ReceivedOn = typed.Date,
            Payer = typed.Payer,
            ChequeNumber = typed.ChequeNumber,
            Bank = typed.Bank,
            RecordedAt = clock.UtcNow,
            RecordedBy = recordedBy,
            RequestKey = requestKey,
        };
        db.Payments.Add(payment);
        db.PaymentAllocations.AddRange(split.Value.Allocations.Select(a => new PaymentAllocationRecord { PaymentId = payment.Id, InvoiceId = a.InvoiceId, Amount = a.Amount }));

        var paidInvoices = split.Value.Allocations.Count == 0
            ? "aucune facture"
            : "facture(s) " + string.Join(", ", split.Value.Allocations.Select(a => $"{numbers[a.InvoiceId]} ({Money.Euros(a.Amount)})"));
        var leftover = split.Value.Leftover > 0 ? $" ; {Money.Euros(split.Value.Leftover)} en crédit" : "";
        var fromCredit = creditUsed.Count > 0 ? $" ; crédit utilisé : {string.Join(", ", creditUsed)}" : "";
        audit.Record("Famille", familyId, $"Règlement {payment.Number} de {Money.Euros(payment.Amount)} {Means(payment)} ; {paidInvoices}{leftover}{fromCredit}.");

        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == familyId, cancellationToken);
        var commune = municipality.Value;
        List<string> paragraphs =
        [
            $"Votre règlement {payment.Number} de {Money.Euros(payment.Amount)} {Means(payment)}, reçu le {ParisClock.FormatDate(payment.ReceivedOn)}, a été enregistré par le {commune.ServiceName} de {commune.Name}.",
            split.Value.Allocations.Count == 0 ? "Il ne règle aucune facture." : $"Il règle : {paidInvoices}.",
        ];
        if (split.Value.Leftover > 0)
        {
            paragraphs.Add($"{Money.Euros(split.Value.Leftover)} restent en crédit sur votre compte.");
        }

        if (creditUsed.Count > 0)
        {
            paragraphs.Add($"Le crédit de votre compte règle aussi : {string.Join(", ", creditUsed)}.");
        }

        paragraphs.Add("Vous pouvez télécharger le reçu dans votre espace, rubrique Mon compte.");
        foreach (var parent in family.Guardians.Where(g => !string.IsNullOrEmpty(g.Email)).OrderBy(g => g.Rank))
        {
            mailer.Enqueue(parent.Email, new MailContent(
                $"Votre règlement {payment.Number} a été enregistré",
                $"Bonjour {parent.FirstName} {parent.LastName},",
                paragraphs,
                "Voir mon compte",
                links.Absolute("/famille/compte")));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Payment>.Success(payment);
    }

    /// <summary>
    /// Cancels a payment, with the reason required: its invoices get back what it paid, and it
    /// no longer counts in the family's credit. Refused when it is already cancelled.
    /// </summary>
    public async Task<Outcome<Payment>> CancelAsync(Guid paymentId, string? reason, string cancelledBy, CancellationToken cancellationToken)
    {
        var why = Text.CleanInput(reason, multiline: true)?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return Outcome<Payment>.Refused([new("Reason", "Indiquez le motif de l'annulation du règlement.")]);
        }

        if (why.Length > MaxReasonLength)
        {
            return Outcome<Payment>.Refused([new("Reason", $"Le motif de l'annulation tient en {MaxReasonLength} caractères au plus.")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.UtcNow;
        // Once only, even when two agents cancel at once. The update comes first: it makes a
        // second agent wait, then find the payment cancelled.
        var cancelled = await db.Payments
            .Where(p => p.Id == paymentId && p.CancelledAt == null)
            .ExecuteUpdateAsync(
                u => u.SetProperty(p => p.CancelledAt, now).SetProperty(p => p.CancelledBy, cancelledBy).SetProperty(p => p.CancelReason, why),
                cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
        if (cancelled == 0)
        {
            return Outcome<Payment>.Refused([new(string.Empty, $"Le règlement {payment.Number} est déjà annulé.")]);
        }

        await BillingLocks.LockFamiliesAsync(db, [payment.FamilyId], cancellationToken);
        if (await db.RefundParts.AnyAsync(r => r.PaymentId == paymentId, cancellationToken))
        {
            // Its credit was given back: cancelling it would leave the family owing a refund.
            return Outcome<Payment>.Refused([new(string.Empty, $"Le crédit du règlement {payment.Number} a été en partie remboursé : il ne peut plus être annulé.")]);
        }

        var allocations = await db.PaymentAllocations.AsNoTracking().Where(a => a.PaymentId == paymentId).ToListAsync(cancellationToken);
        var numbers = new List<string>();
        foreach (var allocation in allocations)
        {
            var value = allocation.Amount;
            var lowered = await db.Invoices
                .Where(i => i.Id == allocation.InvoiceId && i.Paid >= value)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Paid, i => i.Paid - value), cancellationToken);
            if (lowered != 1)
            {
                throw new InvalidOperationException($"The invoice {allocation.InvoiceId} holds less than payment {payment.Number} paid on it.");
            }

            numbers.Add(await db.Invoices.Where(i => i.Id == allocation.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken));
        }

        audit.Record("Famille", payment.FamilyId,
            $"Règlement {payment.Number} de {Money.Euros(payment.Amount)} annulé{(numbers.Count > 0 ? $" ; facture(s) {string.Join(", ", numbers)} de nouveau à payer" : "")} ; motif : « {why} ».");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        payment.CancelledAt = now;
        payment.CancelledBy = cancelledBy;
        payment.CancelReason = why;
        return Outcome<Payment>.Success(payment);
    }

    /// <summary>
    /// Spends the family's credit (what earlier payments left to no invoice, the oldest first)
    /// on <paramref name="stillDue"/>, the oldest invoices first, inside the caller's
    /// transaction with the family locked: each invoice's paid amount raised by a conditional
    /// update, each payment's allocation grown. Returns what was paid ("2027-000012 (5,00 € du
    /// crédit de R-2027-000003)"), or null when an invoice changed under it.
    /// </summary>
    internal async Task<List<string>?> SpendCreditAsync(
        Guid familyId, List<OpenInvoice> stillDue, IReadOnlyDictionary<Guid, string> numbers, IReadOnlyList<PaymentCredit> credits, CancellationToken cancellationToken)
    {
        var creditUsed = new List<string>();
        var creditIds = credits.Select(c => c.PaymentId).ToList();
        var receipts = await db.Payments.AsNoTracking().Where(p => creditIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Number, cancellationToken);
        foreach (var (creditPaymentId, credit) in credits)
        {
            var creditNumber = receipts[creditPaymentId];
            foreach (var (invoiceId, value) in PaymentAllocation.ApplyCredit(credit, stillDue).Allocations)
            {
                var raised = await db.Invoices
                    .Where(i => i.Id == invoiceId && i.FamilyId == familyId && i.Paid + i.Credited + value <= i.Total)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.Paid, i => i.Paid + value), cancellationToken);
                if (raised == 0)
                {
                    return null;
                }

                var grown = await db.PaymentAllocations
                    .Where(a => a.PaymentId == creditPaymentId && a.InvoiceId == invoiceId)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Amount, a => a.Amount + value), cancellationToken);
                if (grown == 0)
                {
                    db.PaymentAllocations.Add(new PaymentAllocationRecord { PaymentId = creditPaymentId, InvoiceId = invoiceId, Amount = value });
                }

                stillDue = [.. stillDue.Select(i => i.Id == invoiceId ? i with { Remaining = i.Remaining - value } : i).Where(i => i.Remaining > 0)];
                creditUsed.Add($"{numbers[invoiceId]} ({Money.Euros(value)} du crédit de {creditNumber})");
            }

            if (stillDue.Count == 0)
            {
                break;
            }
        }

        return creditUsed;
    }

    /// <summary>
    /// After an invoicing batch, inside its transaction with its families locked: the credit of
    /// each family that has one pays its invoices, the new ones included, the oldest first
    /// (docs/product.md 4.7: an overpayment is used by the next invoices). Returns how many
    /// families' credit was spent.
    /// </summary>
    internal async Task<int> SpendCreditsOfAsync(IReadOnlyCollection<Guid> familyIds, CancellationToken cancellationToken)
    {
        var credits = await CreditRefunds.CreditsOfAsync(db, familyIds, cancellationToken);
        var spent = 0;
        foreach (var familyId in credits.Select(c => c.Key))
        {
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.FamilyId == familyId)
                .Select(i => new { i.Id, i.Number, i.IssuedOn, i.Total, i.Credited, i.Paid })
                .ToListAsync(cancellationToken);
            var due = invoices
                .Select(i => new OpenInvoice(i.Id, i.IssuedOn, i.Number, new InvoiceAmounts(i.Total, i.Credited, i.Paid).Remaining))
                .Where(i => i.Remaining > 0)
                .ToList();
            if (due.Count == 0)
            {
                continue;
            }

            // The families are locked: an invoice cannot have changed since it was read.
            var used = await SpendCreditAsync(familyId, due, invoices.ToDictionary(i => i.Id, i => i.Number), [.. credits[familyId]], cancellationToken)
                ?? throw new InvalidOperationException($"An invoice of family {familyId} changed while it was locked.");
            if (used.Count > 0)
            {
                audit.Record("Famille", familyId, $"Crédit du compte utilisé : {string.Join(", ", used)}.");
                spent++;
            }
        }

        return spent;
    }

    /// <summary>"en espèces", "par chèque n° 1234567 (Banque)", "par CESU"…</summary>
    public static string Means(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.Method switch
        {
            PaymentMethod.Cash => "en espèces",
            PaymentMethod.Cheque => $"par chèque n° {payment.ChequeNumber} ({payment.Bank})",
            PaymentMethod.Cesu => "par CESU",
            PaymentMethod.Transfer => "par virement",
            PaymentMethod.Card => "par carte bancaire",
            _ => "en ligne",
        };
    }
}
