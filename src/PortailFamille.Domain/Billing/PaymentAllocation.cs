using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>An invoice that still has something due, as a payment or a credit can settle it.</summary>
/// <param name="Id">The invoice.</param>
/// <param name="IssuedOn">Its day of issue: the oldest is paid first.</param>
/// <param name="Number">Its number ("2026-000123"), which orders invoices issued the same day.</param>
/// <param name="Remaining">What remains due on it (<see cref="InvoiceAmounts.Remaining"/>).</param>
public sealed record OpenInvoice(Guid Id, DateOnly IssuedOn, string Number, decimal Remaining);

/// <summary>The part of a payment (or of a credit) that goes to one invoice.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Amount">Euros, in cents, more than 0.</param>
public sealed record Allocation(Guid InvoiceId, decimal Amount);

/// <summary>How a payment or a credit is spread: what goes to each invoice, and what is left.</summary>
/// <param name="Allocations">One per invoice paid, in the order they were settled; never 0.</param>
/// <param name="Leftover">
/// What no invoice took: for a payment, the family's credit for its next invoices (or a
/// refund); for a credit, what remains of it.
/// </param>
public sealed record PaymentSplit(IReadOnlyList<Allocation> Allocations, decimal Leftover)
{
    /// <summary>The sum of the allocations.</summary>
    public decimal Allocated => Allocations.Sum(a => a.Amount);
}

/// <summary>
/// Spreads a payment over a family's invoices (docs/product.md 4.7): the oldest first unless
/// the agent chooses, and what is paid beyond the invoices becomes a credit. The same
/// oldest-first rule spends that credit when a new invoice arrives.
/// </summary>
public static class PaymentAllocation
{
    /// <summary>
    /// The invoices in the order they are paid: issued first, then the smallest number (the
    /// numbers of a year have a fixed width, so their text order is their order), then the id,
    /// so that the same invoices are always paid in the same order.
    /// </summary>
    public static IReadOnlyList<OpenInvoice> InPaymentOrder(IEnumerable<OpenInvoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        return [.. invoices.OrderBy(i => i.IssuedOn).ThenBy(i => i.Number, StringComparer.Ordinal).ThenBy(i => i.Id)];
    }

    /// <summary>
    /// Spreads <paramref name="amount"/> over <paramref name="openInvoices"/>, the oldest
    /// first, each paid in full before the next gets anything; what remains is the leftover.
    /// Invoices with nothing due are passed over.
    /// </summary>
    /// <param name="amount">The payment, in cents, 0 or more (checked before by <see cref="PaymentEntry"/>).</param>
    /// <param name="openInvoices">The family's invoices with something due, in any order.</param>
    public static PaymentSplit OldestFirst(decimal amount, IReadOnlyList<OpenInvoice> openInvoices)
    {
        CheckAmount(amount);
        CheckInvoices(openInvoices);

        var allocations = new List<Allocation>();
        var left = amount;
        foreach (var invoice in InPaymentOrder(openInvoices))
        {
            if (left == 0)
            {
                break;
            }

            var part = Math.Min(left, invoice.Remaining);
            if (part > 0)
            {
                allocations.Add(new Allocation(invoice.Id, part));
                left -= part;
            }
        }

        return new PaymentSplit(allocations, left);
    }

    /// <summary>
    /// Spends a family's credit when a new invoice arrives: the same rule as a payment, the
    /// oldest invoice first, so a credit never waits while an older invoice is due.
    /// </summary>
    /// <param name="credit">The family's credit, in cents, 0 or more.</param>
    /// <param name="openInvoices">The family's invoices with something due, the new one included.</param>
    public static PaymentSplit ApplyCredit(decimal credit, IReadOnlyList<OpenInvoice> openInvoices) => OldestFirst(credit, openInvoices);

    /// <summary>
    /// The spread an agent chose: the invoices in the order given, each with its amount; the
    /// rest of the payment is the leftover. Refused, in French, when an invoice is not one of
    /// the family's open invoices or is chosen twice, when an amount is not more than 0, not in
    /// cents or more than what remains due on its invoice, or when the amounts add up to more
    /// than the payment. The web layer leaves out the rows the agent left empty.
    /// </summary>
    /// <param name="amount">The payment, in cents, more than 0.</param>
    /// <param name="openInvoices">The family's invoices with something due.</param>
    /// <param name="chosen">The invoices and amounts the agent chose; refusals name them "Allocations[i].Amount" by position.</param>
    public static Outcome<PaymentSplit> Chosen(decimal amount, IReadOnlyList<OpenInvoice> openInvoices, IReadOnlyList<Allocation> chosen)
    {
        CheckAmount(amount);
        CheckInvoices(openInvoices);
        ArgumentNullException.ThrowIfNull(chosen);

        var open = openInvoices.ToDictionary(i => i.Id);
        var seen = new HashSet<Guid>();
        var refusals = new List<Refusal>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var field = $"Allocations[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}].Amount";
            var (invoiceId, part) = chosen[i];
            if (!open.TryGetValue(invoiceId, out var invoice) || invoice.Remaining <= 0)
            {
                refusals.Add(new(field, "Cette facture n'a plus rien à payer : rechargez la page."));
            }
            else if (!seen.Add(invoiceId))
            {
                refusals.Add(new(field, $"La facture {invoice.Number} est choisie deux fois."));
            }
            else if (part <= 0)
            {
                refusals.Add(new(field, $"Le montant pour la facture {invoice.Number} doit être supérieur à 0,00 €."));
            }
            else if (!Money.IsInCents(part))
            {
                refusals.Add(new(field, $"Le montant pour la facture {invoice.Number} s'écrit avec au plus 2 décimales."));
            }
            else if (part > invoice.Remaining)
            {
                refusals.Add(new(field, $"Le montant pour la facture {invoice.Number} ne peut dépasser ce qui reste à payer ({Money.Euros(invoice.Remaining)})."));
            }
        }

        var total = chosen.Sum(a => a.Amount);
        if (refusals.Count == 0 && total > amount)
        {
            refusals.Add(new("Amount", $"Les montants répartis ({Money.Euros(total)}) dépassent le montant du paiement ({Money.Euros(amount)})."));
        }

        return refusals.Count > 0
            ? Outcome<PaymentSplit>.Refused(refusals)
            : Outcome<PaymentSplit>.Success(new PaymentSplit([.. chosen], amount - total));
    }

    // A negative or fractional amount here is a programming error: the desk's form and the
    // online flow check the amount before (PaymentEntry, PayFip.AmountInCents).
    private static void CheckAmount(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!Money.IsInCents(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount is in cents.");
        }
    }

    private static void CheckInvoices(IReadOnlyList<OpenInvoice> openInvoices)
    {
        ArgumentNullException.ThrowIfNull(openInvoices);
        if (openInvoices.Any(i => i.Remaining < 0 || !Money.IsInCents(i.Remaining)))
        {
            throw new ArgumentException("What remains due on an invoice is 0 or more, in cents.", nameof(openInvoices));
        }

        if (openInvoices.DistinctBy(i => i.Id).Count() != openInvoices.Count)
        {
            throw new ArgumentException("An invoice is given twice.", nameof(openInvoices));
        }
    }
}
