using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>The credit one payment still holds: what its invoices and earlier refunds left.</summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="Credit">What is left of it, more than 0.</param>
public sealed record PaymentCredit(Guid PaymentId, decimal Credit);

/// <summary>What a refund takes from one payment's credit.</summary>
public sealed record RefundPart(Guid PaymentId, decimal Amount);

/// <summary>
/// Refunding a family's credit (docs/product.md 4.7): what an agent gives back of what the
/// family paid beyond its invoices, by bank transfer, cheque or cash. The refund takes the
/// credit of the oldest payments first, the order the credit is spent in, so that what stays
/// is the most recent money.
/// </summary>
public static class CreditRefund
{
    /// <summary>How the commune gives money back.</summary>
    public static IReadOnlyList<PaymentMethod> Methods { get; } = [PaymentMethod.Transfer, PaymentMethod.Cheque, PaymentMethod.Cash];

    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The refusals of a refund of <paramref name="amount"/> on <paramref name="date"/> from a
    /// credit of <paramref name="credit"/>; empty when it can be made.
    /// </summary>
    public static IReadOnlyList<Refusal> Check(PaymentMethod method, decimal amount, DateOnly date, DateOnly today, decimal credit)
    {
        var refusals = new List<Refusal>();
        if (!Methods.Contains(method))
        {
            refusals.Add(new("Method", "Choisissez le mode de remboursement : virement, chèque ou espèces."));
        }

        if (amount <= 0)
        {
            refusals.Add(new("Amount", "Le montant doit être supérieur à 0,00 €."));
        }
        else if (!Money.IsInCents(amount))
        {
            refusals.Add(new("Amount", "Le montant s'écrit avec au plus 2 décimales."));
        }
        else if (amount > credit)
        {
            refusals.Add(new("Amount", credit > 0
                ? $"Le remboursement ne peut dépasser le crédit disponible de la famille ({Money.Euros(credit)})."
                : "La famille n'a aucun crédit à rembourser."));
        }

        if (date > today)
        {
            refusals.Add(new("Date", "La date du remboursement ne peut pas être dans le futur."));
        }
        else if (date < today.AddYears(-PaymentEntry.MaxYearsBack))
        {
            refusals.Add(new("Date", "La date du remboursement ne peut remonter à plus d'un an."));
        }

        return refusals;
    }

    /// <summary>
    /// What a refund of <paramref name="amount"/> takes from each payment's credit, the payments
    /// in the order given (the oldest first). The amount must not pass the credits' sum
    /// (<see cref="Check"/>).
    /// </summary>
    public static IReadOnlyList<RefundPart> Spread(decimal amount, IReadOnlyList<PaymentCredit> credits)
    {
        ArgumentNullException.ThrowIfNull(credits);
        if (amount > credits.Sum(c => c.Credit))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "More than the credit.");
        }

        var parts = new List<RefundPart>();
        var left = amount;
        foreach (var (paymentId, credit) in credits)
        {
            if (left <= 0)
            {
                break;
            }

            var taken = Math.Min(left, credit);
            if (taken > 0)
            {
                parts.Add(new(paymentId, taken));
                left -= taken;
            }
        }

        return parts;
    }
}
