using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Billing;

/// <summary>Where an online payment attempt stands.</summary>
public enum OnlinePaymentState
{
    /// <summary>Sent to the treasury, its result not known yet.</summary>
    Pending,

    /// <summary>The treasury says the money is taken; the payment is recorded.</summary>
    Paid,

    /// <summary>The bank refused.</summary>
    Refused,

    /// <summary>The family left the treasury's page without paying.</summary>
    Abandoned,

    /// <summary>Given up by the portal: past <see cref="PayFip.AttemptLifetime"/> without the treasury saying "paid".</summary>
    Expired,
}

/// <summary>What may happen to an attempt: an answer of the treasury, or the end of its lifetime.</summary>
public enum OnlinePaymentEvent
{
    /// <summary>The treasury answers "paid" (P or V).</summary>
    Paid,

    /// <summary>The treasury answers "refused" (R or Z).</summary>
    Refused,

    /// <summary>The treasury answers "abandoned" (A).</summary>
    Abandoned,

    /// <summary>The treasury does not know yet (P5), or gives an answer that concludes nothing.</summary>
    StillPending,

    /// <summary>The attempt has outlived <see cref="PayFip.AttemptLifetime"/> and the treasury did not say "paid".</summary>
    Expire,
}

/// <summary>What the caller does after an event.</summary>
public enum OnlinePaymentEffect
{
    /// <summary>Nothing changes: a repeated answer, a late one racing another, or still no result.</summary>
    None,

    /// <summary>The attempt is decided without money (refused, abandoned, expired): save the new state.</summary>
    Decided,

    /// <summary>
    /// The attempt becomes paid: save the state, the payment and its allocation in one
    /// transaction, moving from the state read (a conditional update), so that two answers
    /// handled at once record the payment only once.
    /// </summary>
    RecordPayment,

    /// <summary>An answer contradicting a decided attempt without taking money: kept as it was, worth a line in the log.</summary>
    Contradicted,
}

/// <summary>The state an event leads to, and what to do about it.</summary>
/// <param name="State">The state after the event (the same when nothing changes).</param>
/// <param name="Effect">What the caller records.</param>
public sealed record OnlinePaymentStep(OnlinePaymentState State, OnlinePaymentEffect Effect);

/// <summary>
/// The life of an online payment attempt (docs/product.md 4.7). Answers may come twice, out
/// of order, at the same time, or never; the one table below says what each of them does in
/// each state, so that a payment is recorded exactly once and money taken is never lost.
/// </summary>
/// <remarks>
/// Two rules shape it. Decided states absorb what repeats or races (a second "paid", a late
/// "not known yet", a job's expiry arriving after the result): nothing happens, and
/// <see cref="OnlinePaymentEffect.None"/> tells the caller not to record anything again.
/// And the treasury's word that the money is taken always wins: "paid" after an expiry, or
/// even after a refusal or an abandon, records the payment, since ignoring it would leave the
/// family chased for an invoice it paid. A later answer that would undo a payment is never
/// believed (the money stays recorded; an agent refunds if need be).
/// </remarks>
public static class OnlinePaymentAttempt
{
    private static readonly Dictionary<(OnlinePaymentState, OnlinePaymentEvent), OnlinePaymentStep> Table = new()
    {
        [(OnlinePaymentState.Pending, OnlinePaymentEvent.Paid)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.RecordPayment),
        [(OnlinePaymentState.Pending, OnlinePaymentEvent.Refused)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.Decided),
        [(OnlinePaymentState.Pending, OnlinePaymentEvent.Abandoned)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.Decided),
        [(OnlinePaymentState.Pending, OnlinePaymentEvent.StillPending)] = new(OnlinePaymentState.Pending, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Pending, OnlinePaymentEvent.Expire)] = new(OnlinePaymentState.Expired, OnlinePaymentEffect.Decided),

        [(OnlinePaymentState.Paid, OnlinePaymentEvent.Paid)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Paid, OnlinePaymentEvent.Refused)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.Contradicted),
        [(OnlinePaymentState.Paid, OnlinePaymentEvent.Abandoned)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.Contradicted),
        // A query sent before the payment and answered after it: a race, not a contradiction.
        [(OnlinePaymentState.Paid, OnlinePaymentEvent.StillPending)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Paid, OnlinePaymentEvent.Expire)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.None),

        [(OnlinePaymentState.Refused, OnlinePaymentEvent.Paid)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.RecordPayment),
        [(OnlinePaymentState.Refused, OnlinePaymentEvent.Refused)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Refused, OnlinePaymentEvent.Abandoned)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.Contradicted),
        [(OnlinePaymentState.Refused, OnlinePaymentEvent.StillPending)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Refused, OnlinePaymentEvent.Expire)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.None),

        [(OnlinePaymentState.Abandoned, OnlinePaymentEvent.Paid)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.RecordPayment),
        [(OnlinePaymentState.Abandoned, OnlinePaymentEvent.Refused)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.Contradicted),
        [(OnlinePaymentState.Abandoned, OnlinePaymentEvent.Abandoned)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Abandoned, OnlinePaymentEvent.StillPending)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Abandoned, OnlinePaymentEvent.Expire)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.None),

        // The portal stopped waiting, the treasury had not: its result, when it comes, is the truth.
        [(OnlinePaymentState.Expired, OnlinePaymentEvent.Paid)] = new(OnlinePaymentState.Paid, OnlinePaymentEffect.RecordPayment),
        [(OnlinePaymentState.Expired, OnlinePaymentEvent.Refused)] = new(OnlinePaymentState.Refused, OnlinePaymentEffect.Decided),
        [(OnlinePaymentState.Expired, OnlinePaymentEvent.Abandoned)] = new(OnlinePaymentState.Abandoned, OnlinePaymentEffect.Decided),
        [(OnlinePaymentState.Expired, OnlinePaymentEvent.StillPending)] = new(OnlinePaymentState.Expired, OnlinePaymentEffect.None),
        [(OnlinePaymentState.Expired, OnlinePaymentEvent.Expire)] = new(OnlinePaymentState.Expired, OnlinePaymentEffect.None),
    };

    /// <summary>Where <paramref name="event"/> takes an attempt in <paramref name="state"/>, and what to record.</summary>
    public static OnlinePaymentStep Next(OnlinePaymentState state, OnlinePaymentEvent @event) =>
        Table.TryGetValue((state, @event), out var step)
            ? step
            : throw new ArgumentOutOfRangeException(nameof(@event), $"{state} × {@event} is not a state and an event.");

    /// <summary>
    /// The event a treasury's answer (<see cref="PayFip.Outcome"/>, <see cref="PayFip.FaultOutcome"/>)
    /// makes. Paid, refused and abandoned are results; anything else is no result, which
    /// becomes <see cref="OnlinePaymentEvent.Expire"/> once the attempt has outlived its
    /// lifetime (<paramref name="outlived"/>, <see cref="PayFip.HasOutlived"/>): an attempt
    /// expires only when the treasury, asked at that moment, did not say "paid".
    /// </summary>
    public static OnlinePaymentEvent EventFor(PayFipOutcome outcome, bool outlived) => outcome switch
    {
        PayFipOutcome.Paid => OnlinePaymentEvent.Paid,
        PayFipOutcome.Refused => OnlinePaymentEvent.Refused,
        PayFipOutcome.Abandoned => OnlinePaymentEvent.Abandoned,
        PayFipOutcome.Pending or PayFipOutcome.UnknownOperation or PayFipOutcome.Unknown =>
            outlived ? OnlinePaymentEvent.Expire : OnlinePaymentEvent.StillPending,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// Whether an attempt in <paramref name="state"/> stops the family from starting another
    /// on the same invoice: only while its result is unknown, so that an invoice is never paid
    /// twice by two attempts at once.
    /// </summary>
    public static bool BlocksNewAttempt(OnlinePaymentState state) => state == OnlinePaymentState.Pending;

    /// <summary>The refusal of a second attempt while one is <see cref="OnlinePaymentState.Pending"/> (field "").</summary>
    public static Refusal AttemptUnderway { get; } = new("",
        "Un paiement en ligne de cette facture est en cours de vérification : attendez son résultat, au plus 20 minutes, avant d'en commencer un autre.");

    /// <summary>
    /// What the family reads of an attempt: "Paiement en cours de vérification", "Paiement
    /// enregistré", "Paiement refusé", "Paiement abandonné", "Paiement non abouti".
    /// </summary>
    public static string Label(OnlinePaymentState state) => state switch
    {
        OnlinePaymentState.Pending => "Paiement en cours de vérification",
        OnlinePaymentState.Paid => "Paiement enregistré",
        OnlinePaymentState.Refused => "Paiement refusé",
        OnlinePaymentState.Abandoned => "Paiement abandonné",
        OnlinePaymentState.Expired => "Paiement non abouti",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The sentence that goes with <see cref="Label"/>, on the page the family comes back to.</summary>
    public static string Explanation(OnlinePaymentState state) => state switch
    {
        OnlinePaymentState.Pending => "Le Trésor public n'a pas encore confirmé le résultat de votre paiement : il le fait en général en moins d'une minute. Cette page se met à jour dès qu'il répond (sans JavaScript, utilisez « Actualiser »).",
        OnlinePaymentState.Paid => "Votre paiement est enregistré : merci.",
        OnlinePaymentState.Refused => "Votre banque a refusé le paiement : rien n'a été débité. Vous pouvez réessayer ou payer au guichet de la mairie.",
        OnlinePaymentState.Abandoned => "Vous avez quitté la page de paiement sans payer : rien n'a été débité. Vous pouvez réessayer quand vous le souhaitez.",
        OnlinePaymentState.Expired => "Le paiement n'a pas abouti dans le délai : rien n'a été enregistré. Vous pouvez réessayer ; si votre compte a été débité, le paiement sera enregistré dès que le Trésor public le confirmera.",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
