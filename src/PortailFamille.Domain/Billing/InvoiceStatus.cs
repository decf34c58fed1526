namespace PortailFamille.Domain.Billing;

/// <summary>Where an invoice stands (docs/product.md 4.6); computed from its amounts, never set by hand.</summary>
public enum InvoiceStatus
{
    /// <summary>Émise: nothing paid nor cancelled yet.</summary>
    Issued,

    /// <summary>Partiellement payée.</summary>
    PartlyPaid,

    /// <summary>Payée: nothing remains due.</summary>
    Paid,

    /// <summary>Annulée: a credit note cancels it in whole.</summary>
    Cancelled,
}

/// <summary>The amounts of an invoice: what was billed, cancelled by credit notes and paid.</summary>
/// <param name="Total">The invoice's total.</param>
/// <param name="Credited">The sum of its credit notes, at most <paramref name="Total"/>.</param>
/// <param name="Paid">What payments allocated to it, at most what the credit notes leave.</param>
public sealed record InvoiceAmounts(decimal Total, decimal Credited, decimal Paid)
{
    /// <summary>What remains due: total − credited − paid, never below zero.</summary>
    public decimal Remaining => Math.Max(0m, Total - Credited - Paid);

    /// <summary>What a credit note may still cancel.</summary>
    public decimal Cancellable => Math.Max(0m, Total - Credited);

    /// <summary>The status the amounts give.</summary>
    public InvoiceStatus Status => (Total, Credited, Paid) switch
    {
        _ when Total > 0 && Credited >= Total => InvoiceStatus.Cancelled,
        _ when Remaining == 0 => InvoiceStatus.Paid,
        _ when Paid > 0 => InvoiceStatus.PartlyPaid,
        _ => InvoiceStatus.Issued,
    };

    /// <summary>
    /// Checks a credit note of <paramref name="amount"/> on this invoice: positive, in cents,
    /// and never more than what remains to cancel.
    /// </summary>
    public IReadOnlyList<Common.Refusal> CheckCreditNote(decimal amount)
    {
        if (amount <= 0)
        {
            return [new("Amount", "Le montant de l'avoir doit être supérieur à 0,00 €.")];
        }

        if (!Money.IsInCents(amount))
        {
            return [new("Amount", "Le montant de l'avoir s'écrit avec au plus 2 décimales.")];
        }

        return amount > Cancellable
            ? [new("Amount", $"Le montant de l'avoir ne peut dépasser ce qui reste à annuler sur la facture ({Money.Euros(Cancellable)}).")]
            : [];
    }
}

/// <summary>The French words of the statuses, as the family and the agents read them.</summary>
public static class InvoiceStatuses
{
    /// <summary>"Émise", "Partiellement payée", "Payée", "Annulée".</summary>
    public static string Label(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Issued => "Émise",
        InvoiceStatus.PartlyPaid => "Partiellement payée",
        InvoiceStatus.Paid => "Payée",
        InvoiceStatus.Cancelled => "Annulée",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// A family's account ("Mon compte"): the balance of its invoices (what remains due) and its
/// financial situation (payments − (invoices − credit notes): negative when it owes,
/// positive when it has a credit).
/// </summary>
/// <param name="Invoiced">Sum of the family's invoices.</param>
/// <param name="Credited">Sum of its credit notes.</param>
/// <param name="Paid">Sum of its payments, allocated or not.</param>
/// <param name="Due">Sum of what remains due on each invoice.</param>
public sealed record FamilyAccount(decimal Invoiced, decimal Credited, decimal Paid, decimal Due)
{
    /// <summary>Situation financière: payments − invoices + credit notes.</summary>
    public decimal Situation => Paid - Invoiced + Credited;
}
