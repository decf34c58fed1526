namespace PortailFamille.Domain.Billing;

/// <summary>Why a day is on an invoice; each kind gets its own line and its own unit price.</summary>
public enum BillingKind
{
    /// <summary>A reserved day, attended or not marked.</summary>
    Reserved,

    /// <summary>A day attended without a reservation (présence non prévue).</summary>
    Unexpected,

    /// <summary>A reserved day missed without a justification.</summary>
    UnjustifiedAbsence,
}

/// <summary>
/// What a day costs, from the reservation and the attendance mark (docs/product.md 4.6). One
/// table, read in both directions by the tests: every pair of "held a place" × mark appears
/// exactly once.
/// </summary>
public static class BillingRule
{
    /// <summary>
    /// (held a place that day, mark) → how the day is billed, or null when it is not. A place
    /// is held by a confirmed day and by one whose cancellation is asked, sent or refused; a
    /// cancellation accepted within the deadline frees the day, which is then not billed.
    /// </summary>
    private static readonly Dictionary<(bool HeldPlace, AttendanceMark? Mark), BillingKind?> Table = new()
    {
        [(true, null)] = BillingKind.Reserved,
        [(true, AttendanceMark.Present)] = BillingKind.Reserved,
        [(true, AttendanceMark.AbsentJustified)] = null,
        [(true, AttendanceMark.AbsentUnjustified)] = BillingKind.UnjustifiedAbsence,
        [(false, null)] = null,
        [(false, AttendanceMark.Present)] = BillingKind.Unexpected,
        [(false, AttendanceMark.AbsentJustified)] = null,
        [(false, AttendanceMark.AbsentUnjustified)] = null,
    };

    /// <summary>How the day is billed, or null when it is not.</summary>
    public static BillingKind? Decide(bool heldPlace, AttendanceMark? mark) => Table[(heldPlace, mark)];

    /// <summary>
    /// The price of one day of the kind: the unit's tariff, plus the activity's surcharge for
    /// an unexpected presence or its penalty for an unjustified absence when it has one.
    /// </summary>
    public static decimal UnitPrice(BillingKind kind, decimal tariff, decimal? unexpectedSurcharge, decimal? absencePenalty) => kind switch
    {
        BillingKind.Reserved => tariff,
        BillingKind.Unexpected => tariff + (unexpectedSurcharge ?? 0m),
        BillingKind.UnjustifiedAbsence => tariff + (absencePenalty ?? 0m),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The words of a line's kind on the invoice.</summary>
    public static string Label(BillingKind kind) => kind switch
    {
        BillingKind.Reserved => "Jours réservés",
        BillingKind.Unexpected => "Présences non prévues",
        BillingKind.UnjustifiedAbsence => "Absences non justifiées",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
