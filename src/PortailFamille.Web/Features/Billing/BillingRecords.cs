using PortailFamille.Domain.Billing;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// A mark of the pointage: a child on a unit's day, present or absent (docs/product.md 4.6).
/// One per child, unit and day. Once the day is billed (a <see cref="BilledDay"/>) it is no
/// longer corrected: a credit note corrects the invoice instead.
/// </summary>
public sealed class AttendanceEntry
{
    public Guid Id { get; set; }

    public Guid ActivityId { get; set; }

    public Guid UnitId { get; set; }

    public DateOnly Date { get; set; }

    public Guid ChildId { get; set; }

    public Guid FamilyId { get; set; }

    public AttendanceMark Mark { get; set; }

    /// <summary>Why the absence is justified (certificat médical, sortie scolaire…).</summary>
    public string? Reason { get; set; }

    /// <summary>The agent who marked it last.</summary>
    public string MarkedBy { get; set; } = string.Empty;

    public DateTimeOffset MarkedAt { get; set; }
}

/// <summary>
/// A day an invoice took into account: a child on a unit's day, whatever it billed (a
/// justified absence bills nothing but is settled all the same). Its key is the day itself,
/// so the database never lets two invoices bill the same day; the reservation and the mark
/// of the day are not written by invoicing. A credit note that cancels the whole invoice
/// removes its days, so that they can be billed again.
/// </summary>
public sealed class BilledDay
{
    public Guid UnitId { get; set; }

    public DateOnly Date { get; set; }

    public Guid ChildId { get; set; }

    public Guid InvoiceId { get; set; }
}

/// <summary>
/// A family's invoice for a month: lines by child, activity and unit, numbered without gaps
/// per year. Never deleted nor edited: credit notes cancel it in whole or in part, payments
/// settle it.
/// </summary>
public sealed class Invoice
{
    public Guid Id { get; set; }

    /// <summary>"2026-000123".</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>The year of the series.</summary>
    public int Year { get; set; }

    /// <summary>The rank in the year's series, from 1.</summary>
    public long Sequence { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>The family's name and address as printed when issued.</summary>
    public string FamilyName { get; set; } = string.Empty;

    public string FamilyAddress { get; set; } = string.Empty;

    /// <summary>The first day of the month billed.</summary>
    public DateOnly Month { get; set; }

    public DateOnly IssuedOn { get; set; }

    /// <summary>Date limite de paiement.</summary>
    public DateOnly DueOn { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public string IssuedBy { get; set; } = string.Empty;

    /// <summary>The invoicing run that issued it.</summary>
    public Guid? RunId { get; set; }

    /// <summary>The exact sum of the lines.</summary>
    public decimal Total { get; set; }

    /// <summary>The sum of its credit notes; the database never lets it pass <see cref="Total"/>.</summary>
    public decimal Credited { get; set; }

    /// <summary>What payments allocated to it.</summary>
    public decimal Paid { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    public InvoiceAmounts Amounts => new(Total, Credited, Paid);
}

/// <summary>A line of an invoice, with the names as they were when it was issued.</summary>
public sealed class InvoiceLine
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>Position on the invoice, from 1.</summary>
    public int Order { get; set; }

    public Guid ChildId { get; set; }

    public string ChildName { get; set; } = string.Empty;

    public Guid? RegistrationId { get; set; }

    public Guid ActivityId { get; set; }

    public string ActivityName { get; set; } = string.Empty;

    public Guid UnitId { get; set; }

    public string UnitName { get; set; } = string.Empty;

    public BillingKind Kind { get; set; }

    /// <summary>Number of days.</summary>
    public int Count { get; set; }

    public decimal UnitPrice { get; set; }

    /// <summary>Count × unit price, rounded once.</summary>
    public decimal Amount { get; set; }

    /// <summary>
    /// For a line of unexpected presences, the activity's surcharge per day included in its unit
    /// price when it was issued (0 without one), so that the tax certificate counts the care and
    /// leaves out the surcharge; null on the other lines.
    /// </summary>
    public decimal? SurchargePerDay { get; set; }
}

/// <summary>An avoir: cancels an invoice in whole or in part, with its own gap-free series.</summary>
public sealed class CreditNote
{
    public Guid Id { get; set; }

    /// <summary>"AV-2026-000004".</summary>
    public string Number { get; set; } = string.Empty;

    public int Year { get; set; }

    public long Sequence { get; set; }

    public Guid InvoiceId { get; set; }

    public Guid FamilyId { get; set; }

    public decimal Amount { get; set; }

    /// <summary>Why the invoice is corrected, printed on the credit note.</summary>
    public string Reason { get; set; } = string.Empty;

    public DateOnly IssuedOn { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public string IssuedBy { get; set; } = string.Empty;
}

/// <summary>The last number given in a series and year; taken by a conditional update, so never twice.</summary>
public sealed class DocumentSequence
{
    public string Series { get; set; } = string.Empty;

    public int Year { get; set; }

    public long Last { get; set; }
}

/// <summary>A quotient familial and the day it applies from: the tariff of a day is the one of that day's quotient.</summary>
public sealed class QuotientHistoryEntry
{
    public Guid FamilyId { get; set; }

    public DateOnly ValidFrom { get; set; }

    public int Quotient { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Where an invoicing run stands.</summary>
public enum InvoicingRunStatus
{
    /// <summary>Asked, waiting for the background worker.</summary>
    Queued,

    /// <summary>Issuing, family after family.</summary>
    Running,

    /// <summary>Over: every family of the month was handled.</summary>
    Done,

    /// <summary>Stopped by an error; what it issued stays issued, a new run goes on from there.</summary>
    Failed,
}

/// <summary>
/// A monthly invoicing asked by an agent, done in the background by batches of families:
/// its progress is saved with each batch, so the page shows it live and a restarted server
/// goes on from the last batch. One at a time (<see cref="ActiveSlot"/>).
/// </summary>
public sealed class InvoicingRun
{
    /// <summary>The value of <see cref="ActiveSlot"/> while a run is queued or running.</summary>
    public const int Active = 1;

    public Guid Id { get; set; }

    /// <summary>The first day of the month billed.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The activities billed, comma-separated; empty for all.</summary>
    public string ActivityIds { get; set; } = string.Empty;

    public InvoicingRunStatus Status { get; set; }

    /// <summary>
    /// 1 while queued or running, null after: a unique index on it lets only one run be active,
    /// whatever the number of agents and servers.
    /// </summary>
    public int? ActiveSlot { get; set; }

    public int FamiliesTotal { get; set; }

    public int FamiliesDone { get; set; }

    public int InvoicesIssued { get; set; }

    public decimal AmountIssued { get; set; }

    /// <summary>The last family handled: the next batch starts after it.</summary>
    public Guid? LastFamilyId { get; set; }

    public string StartedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The worker issuing it now, new for each take; null while nobody does.</summary>
    public Guid? HolderId { get; set; }

    /// <summary>Renewed by the worker after each batch; a run whose heartbeat is old is taken over.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>The anomalies found, one per line, shown on the result page.</summary>
    public string Anomalies { get; set; } = string.Empty;

    public string? Error { get; set; }

    public IReadOnlyList<Guid> Activities =>
        [.. ActivityIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
}
