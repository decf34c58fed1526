using System.Globalization;
using System.Text;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>
/// The <c>saisie</c> of a PayFiP payment session: which of the treasury's environments takes
/// it. The value is the letter the protocol sends.
/// </summary>
public enum PayFipSaisie
{
    /// <summary>T: the treasury's test environment, no money moves.</summary>
    Test = 'T',

    /// <summary>X: activation, the commune's first real payments while the treasury checks the setup.</summary>
    Activation = 'X',

    /// <summary>W: production.</summary>
    Production = 'W',
}

/// <summary>What the treasury says of an attempt when the portal asks it (<c>recupererDetailPaiementSecurise</c>).</summary>
public enum PayFipOutcome
{
    /// <summary>Paid, by card (P) or by direct debit (V): the money is taken.</summary>
    Paid,

    /// <summary>Refused by the bank (R, Z).</summary>
    Refused,

    /// <summary>The family left the treasury's page without paying (A).</summary>
    Abandoned,

    /// <summary>Not known yet (fault P5): the family may still be on the treasury's page.</summary>
    Pending,

    /// <summary>The treasury does not know the idOp (fault P1).</summary>
    UnknownOperation,

    /// <summary>An answer the protocol does not describe: nothing is concluded, the attempt is asked about again.</summary>
    Unknown,
}

/// <summary>
/// The rules of the PayFiP web service of the DGFiP (docs/product.md 4.7): the values the
/// portal sends when it opens a payment session (<c>creerPaiementSecurise</c>), and how it
/// reads the treasury's answers. Nothing here talks to the treasury.
/// </summary>
public static class PayFip
{
    /// <summary>Longest <c>refdet</c> the protocol accepts.</summary>
    public const int MaxRefDetLength = 30;

    /// <summary>Longest <c>objet</c> the protocol accepts.</summary>
    public const int MaxObjetLength = 100;

    /// <summary>
    /// How long the <c>idOp</c> the treasury gives stays valid: the family must be sent to the
    /// treasury's page before; after it, a new attempt is needed.
    /// </summary>
    public static TimeSpan IdOpLifetime { get; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an attempt may stay undecided: once the idOp has expired and the treasury still
    /// does not say "paid", the attempt is given up (Expired), and the family may pay again.
    /// </summary>
    public static TimeSpan AttemptLifetime { get; } = TimeSpan.FromMinutes(20);

    private const string Base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // 36^25 > 2^128: every Guid fits in 25 base-36 digits.
    private const int GuidBase36Length = 25;

    /// <summary>
    /// The <c>refdet</c> (the debt's reference) of an attempt: its id written in 25 upper-case
    /// letters and digits. Each attempt has an id of its own, so each gets a reference never
    /// sent before, which the treasury requires even when the same invoice is paid again after
    /// a refusal; and the reference found in the treasury's records leads back to the attempt.
    /// </summary>
    public static string RefDet(Guid attemptId)
    {
        var bytes = attemptId.ToByteArray(bigEndian: true);
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var digits = new char[GuidBase36Length];
        for (var i = GuidBase36Length - 1; i >= 0; i--)
        {
            digits[i] = Base36[(int)(value % 36)];
            value /= 36;
        }

        return new string(digits);
    }

    /// <summary>Whether a <c>refdet</c> is what the protocol accepts: 1 to 30 ASCII letters or digits.</summary>
    public static bool IsValidRefDet(string? refDet) =>
        refDet is { Length: >= 1 and <= MaxRefDetLength } && refDet.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// The <c>objet</c> of a payment, which the family reads on the treasury's page and its bank
    /// statement, in the protocol's alphabet (ASCII letters, digits and spaces, at most 100):
    /// accents are taken off (é → e, ç → c), œ and æ written oe and ae, any other character
    /// becomes a space, spaces are collapsed and trimmed, and the text is cut at 100.
    /// "Facture 2026-000123 Famille MARTIN Léa" gives "Facture 2026 000123 Famille MARTIN Lea".
    /// </summary>
    public static string Objet(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                case var mark when CharUnicodeInfo.GetUnicodeCategory(mark) == UnicodeCategory.NonSpacingMark:
                    break;
                case 'œ': plain.Append("oe"); break;
                case 'Œ': plain.Append("OE"); break;
                case 'æ': plain.Append("ae"); break;
                case 'Æ': plain.Append("AE"); break;
                case 'ß': plain.Append("ss"); break;
                case var kept when char.IsAsciiLetterOrDigit(kept):
                    plain.Append(kept);
                    break;
                default:
                    plain.Append(' ');
                    break;
            }
        }

        var words = plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var objet = string.Join(' ', words);
        return objet.Length <= MaxObjetLength ? objet : objet[..MaxObjetLength].TrimEnd();
    }

    /// <summary>
    /// The <c>montant</c> of a payment: the amount in cents, as a whole number. Refused
    /// (field "Amount") when it is not more than 0 or not in cents: the treasury would refuse
    /// it, or take an amount other than the one due.
    /// </summary>
    public static Outcome<long> AmountInCents(decimal euros)
    {
        if (euros <= 0)
        {
            return Outcome<long>.Refused([new("Amount", "Il n'y a rien à payer en ligne sur cette facture.")]);
        }

        if (!Money.IsInCents(euros))
        {
            return Outcome<long>.Refused([new("Amount", "Le montant à payer doit s'écrire en centimes.")]);
        }

        return Outcome<long>.Success(decimal.ToInt64(euros * 100m));
    }

    /// <summary>The letter the protocol sends for a <c>saisie</c>: 'T', 'X' or 'W'.</summary>
    public static char Code(PayFipSaisie saisie) =>
        Enum.IsDefined(saisie) ? (char)saisie : throw new ArgumentOutOfRangeException(nameof(saisie), saisie, null);

    /// <summary>
    /// The <c>saisie</c> a configuration names: its letter ("T", "X", "W") or its name
    /// ("Test", "Activation", "Production"), whatever the case and surrounding spaces. False
    /// for anything else, which the web layer turns into a start-up error rather than a guess:
    /// a wrong environment sends families to the wrong treasury.
    /// </summary>
    public static bool TryParseSaisie(string? value, out PayFipSaisie saisie)
    {
        saisie = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<PayFipSaisie>())
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase)
                || (text.Length == 1 && char.ToUpperInvariant(text[0]) == (char)candidate))
            {
                saisie = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a <c>resultrans</c> answered by <c>recupererDetailPaiementSecurise</c> means: P
    /// (card) or V (direct debit) paid, R or Z refused, A abandoned, anything else unknown.
    /// The letters are compared as sent, upper case.
    /// </summary>
    public static PayFipOutcome Outcome(string? resultrans) => resultrans?.Trim() switch
    {
        "P" or "V" => PayFipOutcome.Paid,
        "R" or "Z" => PayFipOutcome.Refused,
        "A" => PayFipOutcome.Abandoned,
        _ => PayFipOutcome.Unknown,
    };

    /// <summary>
    /// What a fault of <c>recupererDetailPaiementSecurise</c> means: P5 the result is not
    /// known yet, P1 the idOp is unknown, any other code unknown (asked about again later).
    /// </summary>
    public static PayFipOutcome FaultOutcome(string? code) => code?.Trim() switch
    {
        "P5" => PayFipOutcome.Pending,
        "P1" => PayFipOutcome.UnknownOperation,
        _ => PayFipOutcome.Unknown,
    };

    /// <summary>Whether the idOp received at <paramref name="receivedAt"/> may still be used at <paramref name="now"/>.</summary>
    public static bool IsIdOpValid(DateTimeOffset receivedAt, DateTimeOffset now) => now - receivedAt < IdOpLifetime;

    /// <summary>
    /// Whether an attempt started at <paramref name="startedAt"/> has outlived
    /// <see cref="AttemptLifetime"/> at <paramref name="now"/>, so that a treasury that still
    /// does not say "paid" makes it expire.
    /// </summary>
    public static bool HasOutlived(DateTimeOffset startedAt, DateTimeOffset now) => now - startedAt >= AttemptLifetime;
}
