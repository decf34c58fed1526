using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Mail;
using PortailFamille.Web.Infrastructure.Municipality;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Invoicing;

/// <summary>What a month would bill, family by family, and what makes an invoice doubtful.</summary>
public sealed record InvoicingPreview(DateOnly Month, IReadOnlyList<FamilyBill> Families, IReadOnlyList<string> Anomalies)
{
    public decimal Total => Families.Sum(f => f.Draft.Total);

    public int Lines => Families.Sum(f => f.Draft.Lines.Count);
}

/// <summary>One family's invoice to be, and the rows it settles.</summary>
public sealed record FamilyBill(Guid FamilyId, string FamilyName, string FamilyAddress, InvoiceDraft Draft, IReadOnlyList<Guid> ReservationIds, IReadOnlyList<Guid> AttendanceIds);

/// <summary>
/// Monthly invoicing (docs/product.md 4.6): for each family, its month's reservations and
/// attendance marks not billed yet become one invoice, priced with the quotient of each day.
/// Everything is read in a few set-based queries; issuing works by batches of families, each
/// batch one transaction that locks its families, numbers its invoices from the counter and
/// marks each billed row "if not billed yet", so two runs or an agent's correction can never
/// bill a day twice nor bill a mark changed meanwhile.
/// </summary>
public sealed class MonthlyInvoicing(AppDbContext db, Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality)
{
    /// <summary>Days given to pay an invoice.</summary>
    public const int PaymentDays = 30;

    private static readonly ReservationState[] HeldStates = [.. Enum.GetValues<ReservationState>().Where(ReservationStates.HoldsPlace)];

    /// <summary>Families with something not billed yet in the month, in a stable order.</summary>
    public async Task<List<Guid>> FamiliesToBillAsync(DateOnly month, IReadOnlyList<Guid> activities, CancellationToken cancellationToken)
    {
        var (first, last) = Bounds(month);
        var fromReservations = await Reservations(first, last, activities)
            .Select(r => r.FamilyId).Distinct().ToListAsync(cancellationToken);
        var fromAttendance = await Attendance(first, last, activities)
            .Select(a => a.FamilyId).Distinct().ToListAsync(cancellationToken);
        return [.. fromReservations.Union(fromAttendance).Order()];
    }

    /// <summary>The month's bills and anomalies, for all the families or those given; nothing is written.</summary>
    public async Task<InvoicingPreview> PreviewAsync(DateOnly month, IReadOnlyList<Guid> activities, DateOnly today, IReadOnlyCollection<Guid>? families, CancellationToken cancellationToken)
    {
        var (first, last) = Bounds(month);
        var reservations = Reservations(first, last, activities);
        var attendance = Attendance(first, last, activities);
        if (families is not null)
        {
            reservations = reservations.Where(r => families.Contains(r.FamilyId));
            attendance = attendance.Where(a => families.Contains(a.FamilyId));
        }

        var booked = await reservations
            .Select(r => new { r.Id, r.RegistrationId, r.ChildId, r.FamilyId, r.ActivityId, r.UnitId, r.Date })
            .ToListAsync(cancellationToken);
        var marks = await attendance
            .Select(a => new { a.Id, a.ChildId, a.FamilyId, a.ActivityId, a.UnitId, a.Date, a.Mark })
            .ToListAsync(cancellationToken);

        // A batch reads its own families; the whole month reads them all, rather than send a
        // city's family ids as parameters.
        var catalogue = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var people = await FamiliesAsync(families, cancellationToken);
        var quotients = await QuotientHistory.LoadAsync(db, families, cancellationToken);
        var validated = db.Registrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Validated);
        var registrations = await (families is null ? validated : validated.Where(r => families.Contains(r.FamilyId)))
            .Select(r => new { r.Id, r.ChildId, r.ActivityId, r.Start, r.End })
            .ToListAsync(cancellationToken);
        var registrationOf = registrations.ToLookup(r => (r.ChildId, r.ActivityId));
        var communeTown = municipality.Value.Town;

        var anomalies = new SortedSet<string>(StringComparer.Ordinal);
        var bills = new List<FamilyBill>();
        var bookedByCell = booked.ToDictionary(b => (b.ChildId, b.UnitId, b.Date));
        var marksByCell = marks.ToDictionary(m => (m.ChildId, m.UnitId, m.Date));

        // Reserved days not marked, up to today: the sheets an agent still has to fill.
        foreach (var day in booked.Where(b => b.Date <= today && !marksByCell.ContainsKey((b.ChildId, b.UnitId, b.Date)))
                     .GroupBy(b => (b.ActivityId, b.UnitId, b.Date)).OrderBy(g => g.Key.Date))
        {
            var activity = catalogue[day.Key.ActivityId];
            anomalies.Add($"Jour non pointé : {activity.Name} / {UnitName(activity, day.Key.UnitId)} le {ParisClock.FormatDate(day.Key.Date)} ({Children(day.Count())}).");
        }

        var cellsByFamily = bookedByCell.Keys.Union(marksByCell.Keys)
            .GroupBy(cell => bookedByCell.TryGetValue(cell, out var b) ? b.FamilyId : marksByCell[cell].FamilyId);
        foreach (var family in cellsByFamily)
        {
            if (!people.TryGetValue(family.Key, out var person))
            {
                continue;
            }

            var history = quotients.GetValueOrDefault(family.Key) ?? person.CurrentQuotient;
            var outOfCommune = TariffChoice.IsOutOfCommune(person.Town, communeTown);
            var days = new List<BillableDay>();
            var reservationIds = new List<Guid>();
            var attendanceIds = new List<Guid>();
            foreach (var cell in family)
            {
                var reservation = bookedByCell.GetValueOrDefault(cell);
                var mark = marksByCell.GetValueOrDefault(cell);
                var activityId = reservation?.ActivityId ?? mark!.ActivityId;
                var activity = catalogue[activityId];
                var kind = BillingRule.Decide(reservation is not null, mark?.Mark);
                if (kind is { } billed)
                {
                    if (!activity.HasTariff(cell.UnitId))
                    {
                        // Left unbilled, to be billed by a later run once the tariff exists.
                        anomalies.Add($"Sans tarif : {activity.Name} / {UnitName(activity, cell.UnitId)} ; ces jours ne sont pas facturés.");
                        continue;
                    }

                    var tariff = activity.PriceFor(cell.UnitId, TariffChoice.QuotientOn(history, cell.Date), outOfCommune);
                    var registrationId = reservation?.RegistrationId
                        ?? registrationOf[(cell.ChildId, activityId)].FirstOrDefault(r => r.Start <= cell.Date && cell.Date <= r.End)?.Id;
                    days.Add(new BillableDay(cell.ChildId, registrationId, activityId, cell.UnitId, cell.Date, billed,
                        BillingRule.UnitPrice(billed, tariff, activity.UnexpectedSurcharge, activity.AbsencePenalty)));
                }

                if (reservation is not null)
                {
                    reservationIds.Add(reservation.Id);
                }

                if (mark is not null)
                {
                    attendanceIds.Add(mark.Id);
                }
            }

            var draft = InvoiceDraft.From(days);
            if (draft.Lines.Count == 0 || draft.Total <= 0)
            {
                continue;
            }

            if (history.Count == 0)
            {
                anomalies.Add($"Famille sans quotient familial : {person.Name} (tranche la plus haute appliquée).");
            }

            bills.Add(new FamilyBill(family.Key, person.Name, person.Address, draft, reservationIds, attendanceIds));
        }

        return new InvoicingPreview(month, [.. bills.OrderBy(b => b.FamilyName, StringComparer.Ordinal)], [.. anomalies]);
    }

    /// <summary>
    /// Issues the invoices of a batch of families in one transaction, and records the batch
    /// on the run. Returns how many invoices and how much; throws <see cref="BillingConflictException"/>
    /// when a row changed under the batch (the caller retries it).
    /// </summary>
    public async Task<(int Invoices, decimal Amount)> IssueBatchAsync(InvoicingRun run, IReadOnlyList<Guid> familyIds, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BillingLocks.LockFamiliesAsync(db, familyIds, cancellationToken);
        var preview = await PreviewAsync(run.Month, run.Activities, today, familyIds, cancellationToken);
        var count = preview.Families.Count;
        if (count > 0)
        {
            var first = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.InvoiceSeries, today.Year, count, cancellationToken);
            var names = await NamesAsync(preview, cancellationToken);
            var invoices = preview.Families.Select((bill, i) => NewInvoice(bill, run, today.Year, first + i, today, now, names)).ToList();
            db.Invoices.AddRange(invoices);
            await db.SaveChangesAsync(cancellationToken);
            for (var i = 0; i < invoices.Count; i++)
            {
                await SettleAsync(invoices[i].Id, preview.Families[i], run.Month, cancellationToken);
            }

            await NotifyAsync(invoices, cancellationToken);
        }

        run.FamiliesDone += familyIds.Count;
        run.InvoicesIssued += count;
        run.AmountIssued += preview.Total;
        run.LastFamilyId = familyIds[^1];
        run.HeartbeatAt = now;
        run.Anomalies = string.Join('\n', run.Anomalies.Split('\n', StringSplitOptions.RemoveEmptyEntries).Union(preview.Anomalies).Order(StringComparer.Ordinal));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (count, preview.Total);
    }

    /// <summary>
    /// Marks the rows the invoice settles, each only if still unbilled and, for a reservation,
    /// still holding its place; any row that changed meanwhile makes the counts differ, and the
    /// batch is done again. One update per invoice and table, with the family's own ids: a
    /// batch's ids together would pass the number of parameters a statement may have.
    /// </summary>
    private async Task SettleAsync(Guid invoiceId, FamilyBill bill, DateOnly month, CancellationToken cancellationToken)
    {
        // The family and the month lead each update to the family's own rows by their index.
        var (first, last) = Bounds(month);
        var familyId = bill.FamilyId;
        var reservations = bill.ReservationIds;
        var settled = reservations.Count == 0 ? 0 : await db.Reservations
            .Where(r => r.FamilyId == familyId && r.Date >= first && r.Date <= last && reservations.Contains(r.Id)
                && EF.Property<Guid?>(r, BillingColumns.ReservationInvoiceId) == null && HeldStates.Contains(r.State))
            .ExecuteUpdateAsync(u => u.SetProperty(r => EF.Property<Guid?>(r, BillingColumns.ReservationInvoiceId), invoiceId), cancellationToken);
        var attendance = bill.AttendanceIds;
        var marked = attendance.Count == 0 ? 0 : await db.Attendance
            .Where(a => a.FamilyId == familyId && a.Date >= first && a.Date <= last && attendance.Contains(a.Id) && a.InvoiceId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.InvoiceId, invoiceId), cancellationToken);
        if (settled != reservations.Count || marked != attendance.Count)
        {
            throw new BillingConflictException();
        }
    }

    private async Task NotifyAsync(List<Invoice> invoices, CancellationToken cancellationToken)
    {
        var familyIds = invoices.Select(i => i.FamilyId).ToList();
        var parents = (await db.Guardians.AsNoTracking()
                .Where(g => familyIds.Contains(g.FamilyId) && g.Email != "")
                .Select(g => new { g.FamilyId, g.FirstName, g.LastName, g.Email })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.FamilyId);
        var url = links.Absolute("/famille/compte/factures");
        foreach (var invoice in invoices)
        {
            foreach (var parent in parents[invoice.FamilyId])
            {
                mailer.Enqueue(parent.Email, new MailContent(
                    $"Votre facture {invoice.Number}",
                    $"Bonjour {parent.FirstName} {parent.LastName},",
                    [
                        $"Votre facture n° {invoice.Number} de {FrenchDates.MonthAndYear(invoice.Month)} est disponible dans votre espace : {Money.Euros(invoice.Total)}, à régler avant le {ParisClock.FormatDate(invoice.DueOn)}.",
                        "Vous pouvez la consulter et la régler en ligne depuis Mon compte, ou auprès de la mairie avec les modes de règlement habituels.",
                    ],
                    "Voir mes factures",
                    url));
            }
        }
    }

    private static Invoice NewInvoice(FamilyBill bill, InvoicingRun run, int year, long sequence, DateOnly today, DateTimeOffset now, Names names)
    {
        var id = Guid.NewGuid();
        var lines = bill.Draft.Lines
            .OrderBy(l => names.Children.GetValueOrDefault(l.ChildId), StringComparer.Ordinal)
            .ThenBy(l => names.Activities.GetValueOrDefault(l.ActivityId), StringComparer.Ordinal)
            .ThenBy(l => names.UnitOrder.GetValueOrDefault(l.UnitId))
            .ThenBy(l => l.Kind)
            .ThenBy(l => l.UnitPrice)
            .Select((l, i) => new InvoiceLine
            {
                Id = Guid.NewGuid(),
                InvoiceId = id,
                Order = i + 1,
                ChildId = l.ChildId,
                ChildName = names.Children.GetValueOrDefault(l.ChildId) ?? "",
                RegistrationId = l.RegistrationId,
                ActivityId = l.ActivityId,
                ActivityName = names.Activities.GetValueOrDefault(l.ActivityId) ?? "",
                UnitId = l.UnitId,
                UnitName = names.Units.GetValueOrDefault(l.UnitId) ?? "",
                Kind = l.Kind,
                Count = l.Count,
                UnitPrice = l.UnitPrice,
                Amount = l.Amount,
            })
            .ToList();
        return new Invoice
        {
            Id = id,
            Number = DocumentNumber.Format(DocumentNumber.InvoiceSeries, year, sequence),
            Year = year,
            Sequence = sequence,
            FamilyId = bill.FamilyId,
            FamilyName = bill.FamilyName,
            FamilyAddress = bill.FamilyAddress,
            Month = run.Month,
            IssuedOn = today,
            DueOn = today.AddDays(PaymentDays),
            IssuedAt = now,
            IssuedBy = run.StartedBy,
            RunId = run.Id,
            Total = bill.Draft.Total,
            Lines = lines,
        };
    }

    private sealed record Names(Dictionary<Guid, string> Children, Dictionary<Guid, string> Activities, Dictionary<Guid, string> Units, Dictionary<Guid, int> UnitOrder);

    private async Task<Names> NamesAsync(InvoicingPreview preview, CancellationToken cancellationToken)
    {
        var childIds = preview.Families.SelectMany(f => f.Draft.Lines.Select(l => l.ChildId)).Distinct().ToList();
        var children = await db.Children.AsNoTracking().Where(c => childIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName })
            .ToDictionaryAsync(c => c.Id, c => $"{c.FirstName} {c.LastName.ToUpperInvariant()}", cancellationToken);
        var activities = await db.Activities.AsNoTracking().ToListAsync(cancellationToken);
        return new Names(
            children,
            activities.ToDictionary(a => a.Id, a => a.Name),
            activities.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.Name),
            activities.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.DisplayOrder));
    }

    private sealed record Person(string Name, string Address, string? Town, List<QuotientFrom> CurrentQuotient);

    private async Task<Dictionary<Guid, Person>> FamiliesAsync(IReadOnlyCollection<Guid>? familyIds, CancellationToken cancellationToken)
    {
        var responsibles = db.Guardians.AsNoTracking().Where(g => g.Rank == 1);
        var guardians = await (familyIds is null ? responsibles : responsibles.Where(g => familyIds.Contains(g.FamilyId)))
            .Select(g => new { g.FamilyId, g.FirstName, g.LastName })
            .ToDictionaryAsync(g => g.FamilyId, cancellationToken);
        var files = db.Families.AsNoTracking().IgnoreAutoIncludes();
        var families = await (familyIds is null ? files : files.Where(f => familyIds.Contains(f.Id)))
            .Select(f => new
            {
                f.Id,
                Street = f.Contact == null ? null : f.Contact.Street,
                PostalCode = f.Contact == null ? null : f.Contact.PostalCode,
                Town = f.Contact == null ? null : f.Contact.Town,
                Quotient = f.Resources == null ? (int?)null : f.Resources.Quotient,
                UpdatedOn = f.Resources == null ? (DateOnly?)null : f.Resources.UpdatedOn,
            })
            .ToListAsync(cancellationToken);
        return families.Where(f => guardians.ContainsKey(f.Id)).ToDictionary(f => f.Id, f =>
        {
            var guardian = guardians[f.Id];
            var address = f.Street is null ? "" : $"{f.Street}\n{f.PostalCode} {f.Town}";
            // A quotient entered before the history was kept still prices the days.
            List<QuotientFrom> current = f.Quotient is { } q ? [new QuotientFrom(f.UpdatedOn!.Value, q)] : [];
            return new Person($"{guardian.LastName.ToUpperInvariant()} {guardian.FirstName}", address, f.Town, current);
        });
    }

    private IQueryable<Reservation> Reservations(DateOnly first, DateOnly last, IReadOnlyList<Guid> activities)
    {
        var query = db.Reservations.AsNoTracking()
            .Where(r => r.Date >= first && r.Date <= last && HeldStates.Contains(r.State)
                && EF.Property<Guid?>(r, BillingColumns.ReservationInvoiceId) == null);
        return activities.Count == 0 ? query : query.Where(r => activities.Contains(r.ActivityId));
    }

    private IQueryable<AttendanceEntry> Attendance(DateOnly first, DateOnly last, IReadOnlyList<Guid> activities)
    {
        var query = db.Attendance.AsNoTracking().Where(a => a.Date >= first && a.Date <= last && a.InvoiceId == null);
        return activities.Count == 0 ? query : query.Where(a => activities.Contains(a.ActivityId));
    }

    private static (DateOnly First, DateOnly Last) Bounds(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    private static string UnitName(Activity activity, Guid unitId) => activity.Units.FirstOrDefault(u => u.Id == unitId)?.Name ?? "?";

    private static string Children(int count) => count == 1 ? "1 enfant" : $"{count} enfants";
}

/// <summary>A row changed under an invoicing batch; the batch is rolled back and done again.</summary>
public sealed class BillingConflictException() : Exception("A billed row changed during the invoicing batch.");
