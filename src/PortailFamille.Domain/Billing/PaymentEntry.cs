using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>A payment an agent records at the desk, as checked and cleaned by <see cref="PaymentEntry.Create"/>.</summary>
/// <param name="Method">A means of the desk (<see cref="PaymentMethods.Counter"/>).</param>
/// <param name="Amount">Euros, in cents, more than 0.</param>
/// <param name="Date">The day the family paid.</param>
/// <param name="Payer">Who paid, trimmed, as the receipt names them.</param>
/// <param name="ChequeNumber">The cheque's number, trimmed; null for any other means.</param>
/// <param name="Bank">The cheque's bank, trimmed; null for any other means.</param>
public sealed record CounterPayment(PaymentMethod Method, decimal Amount, DateOnly Date, string Payer, string? ChequeNumber, string? Bank);

/// <summary>
/// The checks of a payment typed at the desk (docs/product.md 4.7): the amount, the day, who
/// paid, and for a cheque its number and bank. Each refusal names its field and says in
/// French what to correct.
/// </summary>
public static class PaymentEntry
{
    /// <summary>
    /// Largest amount taken in one payment. Well above a year of a family's invoices: beyond it
    /// the amount is a typing mistake (a missing comma), not a payment.
    /// </summary>
    public const decimal MaxAmount = 100_000.00m;

    /// <summary>Longest name of a payer.</summary>
    public const int MaxPayerLength = 200;

    /// <summary>Longest cheque number (letters and digits).</summary>
    public const int MaxChequeNumberLength = 20;

    /// <summary>Longest bank name.</summary>
    public const int MaxBankLength = 100;

    /// <summary>
    /// How far back a payment may be dated: a cheque found in a drawer is still recorded, a
    /// date years ago is a typing mistake.
    /// </summary>
    public const int MaxYearsBack = 1;

    /// <summary>
    /// The refusals of a desk payment; empty when it can be recorded. The cheque number and
    /// bank are only read for a cheque: for any other means they are ignored, whatever the
    /// form still holds from a previous choice.
    /// </summary>
    /// <param name="method">The means of payment.</param>
    /// <param name="amount">The amount in euros.</param>
    /// <param name="date">The day the family paid.</param>
    /// <param name="today">Today in Paris, the latest day a payment may be dated.</param>
    /// <param name="payer">Who paid.</param>
    /// <param name="chequeNumber">The cheque's number.</param>
    /// <param name="bank">The cheque's bank.</param>
    public static IReadOnlyList<Refusal> Check(PaymentMethod method, decimal amount, DateOnly date, DateOnly today, string? payer, string? chequeNumber, string? bank)
    {
        var refusals = new List<Refusal>();
        if (!PaymentMethods.Counter.Contains(method))
        {
            // Online payments come from the treasury's answer only; typing one would record money
            // the commune may never receive.
            refusals.Add(new("Method", method == PaymentMethod.Online
                ? "Un paiement en ligne ne se saisit pas au guichet : il est enregistré dès que le Trésor public le confirme."
                : "Choisissez le mode de paiement."));
        }

        if (amount <= 0)
        {
            refusals.Add(new("Amount", "Le montant doit être supérieur à 0,00 €."));
        }
        else if (!Money.IsInCents(amount))
        {
            refusals.Add(new("Amount", "Le montant s'écrit avec au plus 2 décimales."));
        }
        else if (amount > MaxAmount)
        {
            refusals.Add(new("Amount", $"Le montant ne peut dépasser {Money.Euros(MaxAmount)} : vérifiez la saisie."));
        }

        if (date > today)
        {
            refusals.Add(new("Date", "La date du paiement ne peut pas être dans le futur."));
        }
        else if (date < today.AddYears(-MaxYearsBack))
        {
            refusals.Add(new("Date", "La date du paiement ne peut remonter à plus d'un an."));
        }

        var payerName = payer?.Trim();
        if (string.IsNullOrEmpty(payerName))
        {
            refusals.Add(new("Payer", "Indiquez qui a payé."));
        }
        else if (payerName.Length > MaxPayerLength)
        {
            refusals.Add(new("Payer", $"Le nom de la personne qui paie ne peut dépasser {MaxPayerLength} caractères."));
        }

        if (method == PaymentMethod.Cheque)
        {
            CheckCheque(chequeNumber?.Trim(), bank?.Trim(), refusals);
        }

        return refusals;
    }

    /// <summary>
    /// The desk payment, trimmed, once <see cref="Check"/> finds nothing to refuse; the cheque
    /// number and bank are kept for a cheque only.
    /// </summary>
    /// <inheritdoc cref="Check" path="/param"/>
    public static Outcome<CounterPayment> Create(PaymentMethod method, decimal amount, DateOnly date, DateOnly today, string? payer, string? chequeNumber, string? bank)
    {
        var refusals = Check(method, amount, date, today, payer, chequeNumber, bank);
        if (refusals.Count > 0)
        {
            return Outcome<CounterPayment>.Refused(refusals);
        }

        var isCheque = method == PaymentMethod.Cheque;
        return Outcome<CounterPayment>.Success(new CounterPayment(
            method, amount, date, payer!.Trim(), isCheque ? chequeNumber!.Trim() : null, isCheque ? bank!.Trim() : null));
    }

    private static void CheckCheque(string? number, string? bank, List<Refusal> refusals)
    {
        if (string.IsNullOrEmpty(number))
        {
            refusals.Add(new("ChequeNumber", "Indiquez le numéro du chèque."));
        }
        else if (number.Length > MaxChequeNumberLength || !number.All(char.IsAsciiLetterOrDigit))
        {
            refusals.Add(new("ChequeNumber", $"Le numéro du chèque s'écrit avec 1 à {MaxChequeNumberLength} chiffres ou lettres, sans espace."));
        }

        if (string.IsNullOrEmpty(bank))
        {
            refusals.Add(new("Bank", "Indiquez la banque du chèque."));
        }
        else if (bank.Length > MaxBankLength)
        {
            refusals.Add(new("Bank", $"Le nom de la banque ne peut dépasser {MaxBankLength} caractères."));
        }
    }
}
