namespace PortailFamille.Domain.Billing;

/// <summary>How a family paid (docs/product.md 4.7): the five means the desk takes, and online.</summary>
public enum PaymentMethod
{
    /// <summary>Espèces.</summary>
    Cash,

    /// <summary>Chèque: its number and bank are kept, to find it again on the bank statement.</summary>
    Cheque,

    /// <summary>Chèque emploi service universel (CESU).</summary>
    Cesu,

    /// <summary>Virement bancaire.</summary>
    Transfer,

    /// <summary>Carte bancaire, at the desk's terminal.</summary>
    Card,

    /// <summary>Paiement en ligne through PayFiP; recorded from the treasury's answer, never typed by an agent.</summary>
    Online,
}

/// <summary>The French words of the means of payment, as the receipts and the pages show them.</summary>
public static class PaymentMethods
{
    /// <summary>The means an agent records at the desk, in the order the form offers them (every one but online).</summary>
    public static IReadOnlyList<PaymentMethod> Counter { get; } =
        [PaymentMethod.Cash, PaymentMethod.Cheque, PaymentMethod.Cesu, PaymentMethod.Transfer, PaymentMethod.Card];

    /// <summary>"Espèces", "Chèque", "CESU", "Virement", "Carte bancaire", "Paiement en ligne".</summary>
    public static string Label(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => "Espèces",
        PaymentMethod.Cheque => "Chèque",
        PaymentMethod.Cesu => "CESU",
        PaymentMethod.Transfer => "Virement",
        PaymentMethod.Card => "Carte bancaire",
        PaymentMethod.Online => "Paiement en ligne",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
