namespace PortailFamille.Domain.Billing;

/// <summary>One child's unit on one day, priced, that goes on the family's invoice.</summary>
/// <param name="ChildId">The child.</param>
/// <param name="RegistrationId">The registration the day belongs to; none for a child present without one.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="Date">The day.</param>
/// <param name="Kind">Why it is billed.</param>
/// <param name="UnitPrice">The price of that day, tariff of the family's quotient on that day included.</param>
public sealed record BillableDay(Guid ChildId, Guid? RegistrationId, Guid ActivityId, Guid UnitId, DateOnly Date, BillingKind Kind, decimal UnitPrice);

/// <summary>A line of an invoice: a child's unit of an activity (and registration), a kind and a price, and how many days.</summary>
public sealed record InvoiceLineDraft(Guid ChildId, Guid? RegistrationId, Guid ActivityId, Guid UnitId, BillingKind Kind, int Count, decimal UnitPrice, decimal Amount);

/// <summary>The lines of one family's invoice for a month, and their total.</summary>
public sealed record InvoiceDraft(IReadOnlyList<InvoiceLineDraft> Lines)
{
    /// <summary>The exact sum of the lines, each already rounded once.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>
    /// Groups a family's billable days into lines: one per child, registration, activity,
    /// unit, kind and unit price (a quotient that changes within the month gives two lines at two prices),
    /// each counted and rounded once. Days are taken once even if given twice.
    /// </summary>
    public static InvoiceDraft From(IEnumerable<BillableDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var lines = days
            .DistinctBy(d => (d.ChildId, d.UnitId, d.Date))
            .GroupBy(d => (d.ChildId, d.RegistrationId, d.ActivityId, d.UnitId, d.Kind, d.UnitPrice))
            .Select(g => new InvoiceLineDraft(g.Key.ChildId, g.Key.RegistrationId, g.Key.ActivityId, g.Key.UnitId, g.Key.Kind, g.Count(), g.Key.UnitPrice, Money.Line(g.Count(), g.Key.UnitPrice)))
            .OrderBy(l => l.ChildId).ThenBy(l => l.ActivityId).ThenBy(l => l.UnitId).ThenBy(l => l.Kind).ThenBy(l => l.UnitPrice)
            .ToList();
        return new InvoiceDraft(lines);
    }
}
