using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Billing;

/// <summary>A child of the family, as the certificate names it.</summary>
/// <param name="Id">The child.</param>
/// <param name="Name">"MARTIN Léa", as printed.</param>
/// <param name="BirthDate">The birth date, which decides whether the year's care counts.</param>
public sealed record TaxChild(Guid Id, string Name, DateOnly BirthDate);

/// <summary>A line of an invoice, with what the certificate needs to know of it.</summary>
/// <param name="ChildId">The child.</param>
/// <param name="ActivityName">The activity, as printed on the invoice.</param>
/// <param name="IsMeal">Whether the unit is a meal: meals are not childcare.</param>
/// <param name="Kind">Why the days are billed.</param>
/// <param name="Count">The number of days.</param>
/// <param name="UnitPrice">The price of a day, the surcharge or the penalty included.</param>
/// <param name="Amount">The line's amount, count × unit price rounded once.</param>
/// <param name="SurchargePerDay">
/// For a line of <see cref="BillingKind.Unexpected"/> days, the activity's surcharge included
/// in <paramref name="UnitPrice"/> when the invoice was issued (0 when it had none); null when
/// it is not known, and the whole line is then left out. Not read for other kinds.
/// </param>
public sealed record TaxInvoiceLine(Guid ChildId, string ActivityName, bool IsMeal, BillingKind Kind, int Count, decimal UnitPrice, decimal Amount, decimal? SurchargePerDay = null);

/// <summary>An invoice of the family: the month it bills, its lines, and what its credit notes cancelled.</summary>
/// <param name="Id">The invoice.</param>
/// <param name="Month">The first day of the month billed.</param>
/// <param name="Credited">The sum of its credit notes, whatever their date (see <see cref="TaxCertificate.Compute"/>).</param>
/// <param name="Lines">Its lines; the invoice's total is their sum.</param>
public sealed record TaxInvoice(Guid Id, DateOnly Month, decimal Credited, IReadOnlyList<TaxInvoiceLine> Lines)
{
    /// <summary>The invoice's total, the exact sum of its lines.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>Money that settled an invoice: a payment's allocation, or a credit spent on it.</summary>
/// <param name="PaidOn">
/// The day the money settled the invoice: the payment's day, or for a credit spent on a later
/// invoice, the day it was spent on it.
/// </param>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Amount">The amount allocated, 0 or more. Cancelled payments are not given.</param>
public sealed record TaxPayment(DateOnly PaidOn, Guid InvoiceId, decimal Amount);

/// <summary>What the certificate says of one child.</summary>
/// <param name="ChildId">The child.</param>
/// <param name="Name">Its name.</param>
/// <param name="BirthDate">Its birth date.</param>
/// <param name="Activities">The activities whose care counted, each once, in alphabetical order.</param>
/// <param name="FirstMonth">The first month billed among the counted invoices (its first day).</param>
/// <param name="LastMonth">The last month billed among them (its first day).</param>
/// <param name="Amount">What the family paid in the year for the child's care, in cents, more than 0.</param>
public sealed record TaxCertificateChild(Guid ChildId, string Name, DateOnly BirthDate, IReadOnlyList<string> Activities, DateOnly FirstMonth, DateOnly LastMonth, decimal Amount);

/// <summary>
/// The attestation fiscale of a family for a year (docs/product.md 4.8, CGI art. 200 quater B):
/// for each child under six on 1 January, what the family paid during the year for the
/// child's care, without meals, penalties and surcharges, net of credit notes.
/// </summary>
/// <param name="Year">The year of the payments.</param>
/// <param name="Children">The children with something to declare, eldest first.</param>
public sealed record TaxCertificate(int Year, IReadOnlyList<TaxCertificateChild> Children)
{
    /// <summary>The age a child must not have reached on 1 January of the year.</summary>
    public const int AgeLimit = 6;

    /// <summary>The certificate's total: the sum of the children's amounts.</summary>
    public decimal Total => Children.Sum(c => c.Amount);

    /// <summary>
    /// Whether care of a child born on <paramref name="birthDate"/> counts for
    /// <paramref name="year"/>: the child is under six on 1 January of that year (born in the
    /// year counts too). A child born on 1 January six years before turns six that very day,
    /// and does not count; a child born on 29 February is a year older on 1 March of a common
    /// year, so on 1 January it is always its age of the day before.
    /// </summary>
    public static bool IsEligible(DateOnly birthDate, int year)
    {
        var firstJanuary = new DateOnly(year, 1, 1);
        return birthDate.Year <= year && Age.On(birthDate, firstJanuary) < AgeLimit;
    }

    /// <summary>
    /// The part of a line that is childcare: none for a meal; none for unjustified absences,
    /// whose whole price is billed as a sanction for a place held and not used, not for care
    /// given (and whose unit price carries the penalty); for unexpected presences, the days at
    /// the tariff without the surcharge, or none when the surcharge is not known (a certificate
    /// must never declare more than was paid for care); the whole amount of reserved days.
    /// </summary>
    public static decimal ChildcarePart(TaxInvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.IsMeal)
        {
            return 0m;
        }

        return line.Kind switch
        {
            BillingKind.Reserved => line.Amount,
            BillingKind.UnjustifiedAbsence => 0m,
            BillingKind.Unexpected when line.SurchargePerDay is { } surcharge =>
                Math.Clamp(Money.Line(line.Count, Math.Max(0m, line.UnitPrice - surcharge)), 0m, line.Amount),
            BillingKind.Unexpected => 0m,
            _ => throw new ArgumentOutOfRangeException(nameof(line), line.Kind, null),
        };
    }

    /// <summary>
    /// The family's certificate for <paramref name="year"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Only money that settled an invoice during the year counts: a December invoice paid in
    /// January counts for the next year. Each invoice can only have been paid for its total
    /// less its credit notes: its payments are counted in the order of their days up to that,
    /// so the same euros never count twice, even across years, and what a credit note turned
    /// into the family's credit counts on the invoice it pays next (or not at all when
    /// refunded). Credit notes count whatever their date, so that the certificate never
    /// declares more than the family finally paid.
    /// </para>
    /// <para>
    /// What counts of an invoice is spread over its lines in proportion to their amounts; the
    /// child's share is what falls on the childcare part of its lines (<see cref="ChildcarePart"/>).
    /// A credit note thus lowers the childcare part in the same proportion as the rest.
    /// </para>
    /// <para>
    /// Each child's share is kept exact until the end, then the total is rounded to the cent
    /// once and shared out in cents, the largest remainders first: every child's amount is its
    /// share rounded to the cent within one cent, and the children's amounts add up to the
    /// total, which is never more than what was paid during the year.
    /// </para>
    /// </remarks>
    /// <param name="year">The year of the payments.</param>
    /// <param name="children">The family's children.</param>
    /// <param name="invoices">The family's invoices, at least those the payments settle.</param>
    /// <param name="payments">Every payment allocation of those invoices, of any year.</param>
    public static TaxCertificate Compute(int year, IReadOnlyList<TaxChild> children, IReadOnlyList<TaxInvoice> invoices, IReadOnlyList<TaxPayment> payments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(payments);
        if (payments.Any(p => p.Amount < 0))
        {
            throw new ArgumentException("A payment allocation is 0 or more.", nameof(payments));
        }

        var eligible = children.Where(c => IsEligible(c.BirthDate, year)).ToDictionary(c => c.Id);
        var byInvoice = invoices.ToDictionary(i => i.Id);
        if (payments.FirstOrDefault(p => !byInvoice.ContainsKey(p.InvoiceId)) is { } orphan)
        {
            throw new ArgumentException($"The invoice {orphan.InvoiceId} of a payment is not given.", nameof(payments));
        }

        var shares = new Dictionary<Guid, Share>();
        foreach (var group in payments.GroupBy(p => p.InvoiceId))
        {
            var invoice = byInvoice[group.Key];
            var counted = CountedInYear(invoice, group, year);
            var total = invoice.Total;
            if (counted <= 0 || total <= 0)
            {
                continue;
            }

            foreach (var line in invoice.Lines.Where(l => eligible.ContainsKey(l.ChildId)))
            {
                var part = ChildcarePart(line);
                if (part <= 0)
                {
                    continue;
                }

                if (!shares.TryGetValue(line.ChildId, out var share))
                {
                    share = new Share();
                    shares.Add(line.ChildId, share);
                }

                share.Exact += counted * part / total;
                share.Activities.Add(line.ActivityName);
                share.Months.Add(invoice.Month);
            }
        }

        var amounts = ShareOutInCents(shares.OrderBy(s => eligible[s.Key].BirthDate).ThenBy(s => eligible[s.Key].Name, StringComparer.Ordinal).ThenBy(s => s.Key)
            .Select(s => (s.Key, s.Value.Exact)).ToList());

        var lines = amounts
            .Where(a => a.Amount > 0)
            .Select(a =>
            {
                var child = eligible[a.ChildId];
                var share = shares[a.ChildId];
                var activities = share.Activities.Order(StringComparer.Create(Common.FrenchDates.Culture, ignoreCase: true)).ToList();
                return new TaxCertificateChild(child.Id, child.Name, child.BirthDate, activities, share.Months.Min(), share.Months.Max(), a.Amount);
            })
            .ToList();
        return new TaxCertificate(year, lines);
    }

    // What the invoice's payments of the year count for: the payments of earlier years first
    // take their place in what the invoice can have been paid for (total less credit notes),
    // the year's take what remains.
    private static decimal CountedInYear(TaxInvoice invoice, IEnumerable<TaxPayment> payments, int year)
    {
        var payable = Math.Max(0m, invoice.Total - invoice.Credited);
        var before = payments.Where(p => p.PaidOn.Year < year).Sum(p => p.Amount);
        var during = payments.Where(p => p.PaidOn.Year == year).Sum(p => p.Amount);
        return Math.Clamp(payable - before, 0m, during);
    }

    // Rounds the total of the exact shares once, then gives each child its share in whole
    // cents, the cents left over going to the largest remainders (ties: the order given).
    private static List<(Guid ChildId, decimal Amount)> ShareOutInCents(List<(Guid ChildId, decimal Exact)> shares)
    {
        var total = Money.Cents(shares.Sum(s => s.Exact));
        var floors = shares.Select(s => (s.ChildId, Floor: Math.Floor(s.Exact * 100m) / 100m, s.Exact)).ToList();
        var centsLeft = (int)((total - floors.Sum(f => f.Floor)) * 100m);
        var extra = floors
            .Select((f, rank) => (f.ChildId, Remainder: f.Exact - f.Floor, rank))
            .Where(f => f.Remainder > 0)
            .OrderByDescending(f => f.Remainder).ThenBy(f => f.rank)
            .Take(centsLeft)
            .Select(f => f.ChildId)
            .ToHashSet();
        return [.. floors.Select(f => (f.ChildId, f.Floor + (extra.Contains(f.ChildId) ? 0.01m : 0m)))];
    }

    private sealed class Share
    {
        public decimal Exact { get; set; }

        public HashSet<string> Activities { get; } = new(StringComparer.Ordinal);

        public HashSet<DateOnly> Months { get; } = [];
    }
}
