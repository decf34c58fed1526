using System.Data.Common;
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

/// <summary>What a month would bill, and what makes an invoice doubtful.</summary>
/// <param name="Month">The month billed.</param>
/// <param name="Invoices">How many invoices it would issue.</param>
/// <param name="Lines">Their lines, all together.</param>
/// <param name="Total">Their amount, all together.</param>
/// <param name="First">The first families by name, for the page.</param>
/// <param name="Anomalies">What makes an invoice doubtful, in French for the agent.</param>
public sealed record InvoicingPreview(DateOnly Month, int Invoices, int Lines, decimal Total, IReadOnlyList<FamilyBill> First, IReadOnlyList<string> Anomalies);

/// <summary>One family's invoice to be, and how many days it settles: every day of the month it took into account, billed or not.</summary>
public sealed record FamilyBill(Guid FamilyId, string FamilyName, string FamilyAddress, InvoiceDraft Draft, int Days);

/// <summary>
/// Monthly invoicing (docs/product.md 4.6): for each family, its month's reservations and
/// attendance marks not billed yet become one invoice, priced with the quotient of each day.
/// Everything is read in a few set-based queries; issuing works by batches of families, each
/// batch one transaction that locks its families, numbers its invoices from the counter and
/// marks each billed row "if not billed yet", so two runs or an agent's correction can never
/// bill a day twice nor bill a mark changed meanwhile.
/// </summary>
public sealed class MonthlyInvoicing(AppDbContext db, IServiceScopeFactory scopes, Mailer mailer, LinkBuilder links, IOptions<MunicipalityOptions> municipality, PaymentRecording recording)
{
    /// <summary>Days given to pay an invoice.</summary>
    public const int PaymentDays = 30;

    private static readonly ReservationState[] HeldStates = ReservationBillingConfiguration.HeldStates;

    /// <summary>Families read together, by the preview as by the issuing run.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Every family file, in a stable order: the month is read family by family, so what a
    /// batch costs depends on its families' days, not on the years of reservations kept.
    /// Families with nothing to bill are passed over quickly.
    /// </summary>
    public async Task<List<Guid>> FamiliesAsync(CancellationToken cancellationToken) =>
        [.. (await db.Families.AsNoTracking().IgnoreAutoIncludes().Select(f => f.Id).ToListAsync(cancellationToken)).Order()];

    /// <summary>
    /// The month's preview for the Facturation page: the totals of every family, the first
    /// families by name, and the anomalies; nothing is written. The month is read by batches
    /// of families, as the run issues it, so a city's month is never held in memory at once;
    /// two batches at a time, each on its own connection, since a batch waits on its reads
    /// about as long as it computes.
    /// </summary>
    public async Task<InvoicingPreview> PreviewAsync(DateOnly month, IReadOnlyList<Guid> activities, DateOnly today, int shown, CancellationToken cancellationToken)
    {
        var findings = new Findings();
        var first = new SortedSet<FamilyBill>(Comparer<FamilyBill>.Create((a, b) =>
            StringComparer.Ordinal.Compare(a.FamilyName, b.FamilyName) is var byName and not 0 ? byName : a.FamilyId.CompareTo(b.FamilyId)));
        var (invoices, lines, total) = (0, 0, 0m);
        var catalogue = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync((await FamiliesAsync(cancellationToken)).Chunk(BatchSize), options, async (batch, token) =>
        {
            using var scope = scopes.CreateScope();
            var found = new Findings();
            var bills = new List<FamilyBill>();
            await scope.ServiceProvider.GetRequiredService<MonthlyInvoicing>().BillAsync(month, activities, today, batch, catalogue, found, bills.Add, token);
            lock (gate)
            {
                findings.Add(found);
                foreach (var bill in bills)
                {
                    invoices++;
                    lines += bill.Draft.Lines.Count;
                    total += bill.Draft.Total;
                    first.Add(bill);
                    if (first.Count > shown)
                    {
                        first.Remove(first.Max!);
                    }
                }
            }
        });

        return new InvoicingPreview(month, invoices, lines, total, [.. first], findings.Anomalies(catalogue, counted: true));
    }

    /// <summary>A cell of the month: a child on a unit's day, reserved or not, with its mark.</summary>
    private sealed record Cell(Guid FamilyId, Guid ChildId, Guid ActivityId, Guid UnitId, DateOnly Date, Guid? RegistrationId, bool Reserved, AttendanceMark? Mark);

    /// <summary>A mark of the month, not billed yet.</summary>
    private sealed record MarkedDay(Guid FamilyId, Guid ChildId, Guid ActivityId, Guid UnitId, DateOnly Date, AttendanceMark Value);

    /// <summary>
    /// What makes invoices doubtful, gathered over the batches: the reserved days not marked
    /// are counted per unit and day, so that a day read by two batches is named once.
    /// </summary>
    private sealed class Findings
    {
        private readonly SortedSet<string> _anomalies = new(StringComparer.Ordinal);
        private readonly Dictionary<(Guid ActivityId, Guid UnitId, DateOnly Date), int> _notMarked = [];

        public void Add(string anomaly) => _anomalies.Add(anomaly);

        /// <summary>Adds what another batch found.</summary>
        public void Add(Findings other)
        {
            _anomalies.UnionWith(other._anomalies);
            foreach (var (day, count) in other._notMarked)
            {
                _notMarked[day] = _notMarked.GetValueOrDefault(day) + count;
            }
        }

        public void NotMarked(Guid activityId, Guid unitId, DateOnly date) =>
            _notMarked[(activityId, unitId, date)] = _notMarked.GetValueOrDefault((activityId, unitId, date)) + 1;

        /// <summary>
        /// The anomalies in French. <paramref name="counted"/>: the children not marked are
        /// counted, for the preview, which reads every batch; a run records each batch's
        /// anomalies as it goes, and a day met by two batches would be named twice with two counts.
        /// </summary>
        public List<string> Anomalies(Dictionary<Guid, Activity> catalogue, bool counted)
        {
            var all = new SortedSet<string>(_anomalies, StringComparer.Ordinal);
            foreach (var ((activityId, unitId, date), count) in _notMarked)
            {
                var activity = catalogue[activityId];
                all.Add($"Jour non pointé : {activity.Name} / {UnitName(activity, unitId)} le {ParisClock.FormatDate(date)}{(counted ? $" ({Children(count)})" : "")}.");
            }

            return [.. all];
        }
    }

    /// <summary>
    /// Prices the month's unbilled days of a batch of families, family after family, and hands
    /// each bill to <paramref name="onBill"/>. The batch's families, quotients, registrations
    /// and month are read in a few queries (see <see cref="ReadAsync"/>); a mark finds its
    /// reservation in memory, and a mark without one is a présence non prévue. The catalogue
    /// is only read, so that the preview's batches share it. Returns the units without a
    /// tariff, whose days are left unbilled.
    /// </summary>
    private async Task<HashSet<Guid>> BillAsync(
        DateOnly month, IReadOnlyList<Guid> activities, DateOnly today, IReadOnlyCollection<Guid> families, Dictionary<Guid, Activity> catalogue,
        Findings findings, Action<FamilyBill> onBill, CancellationToken cancellationToken)
    {
        var (first, last) = Bounds(month);
        var people = await PeopleAsync(families, cancellationToken);
        var quotients = await QuotientHistory.LoadAsync(db, families, cancellationToken);
        // The status is filtered in memory, as the reservations' state (see ReadAsync).
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => families.Contains(r.FamilyId))
            .Select(r => new { r.Id, r.ChildId, r.ActivityId, r.Start, r.End, r.Status })
            .ToListAsync(cancellationToken);
        var registrationOf = registrations.Where(r => r.Status == RegistrationStatus.Validated).ToLookup(r => (r.ChildId, r.ActivityId));
        var communeTown = municipality.Value.Town;
        var untariffed = catalogue.Values.SelectMany(a => a.Units.Where(u => !a.HasTariff(u.Id)).Select(u => u.Id)).ToHashSet();
        var (reservedDays, markedDays) = await ReadAsync(first, last, families, catalogue, cancellationToken);
        bool Chosen(Guid activityId) => activities.Count == 0 || activities.Contains(activityId);
        var reserved = reservedDays.Where(c => Chosen(c.ActivityId)).ToLookup(c => c.FamilyId);
        var marks = markedDays.Where(m => Chosen(m.ActivityId)).ToLookup(m => m.FamilyId);

        foreach (var familyId in families)
        {
            if (!people.TryGetValue(familyId, out var person))
            {
                continue;
            }

            var unmatched = marks[familyId].ToDictionary(m => (m.ChildId, m.UnitId, m.Date));
            var cells = reserved[familyId]
                .Select(c => unmatched.Remove((c.ChildId, c.UnitId, c.Date), out var mark) ? c with { Mark = mark.Value } : c)
                .ToList();
            cells.AddRange(unmatched.Values.Select(m => new Cell(m.FamilyId, m.ChildId, m.ActivityId, m.UnitId, m.Date, null, false, m.Value)));
            if (cells.Count == 0)
            {
                continue;
            }

            var history = quotients.GetValueOrDefault(familyId) ?? person.CurrentQuotient;
            var outOfCommune = TariffChoice.IsOutOfCommune(person.Town, communeTown);
            var days = new List<BillableDay>();
            var settled = 0;
            foreach (var cell in cells)
            {
                var activity = catalogue[cell.ActivityId];
                var kind = BillingRule.Decide(cell.Reserved, cell.Mark);
                if (cell.Reserved && cell.Mark is null && cell.Date <= today)
                {
                    // Reserved days not marked, up to today: the sheets an agent still has to fill.
                    findings.NotMarked(cell.ActivityId, cell.UnitId, cell.Date);
                }

                if (untariffed.Contains(cell.UnitId))
                {
                    // Left unbilled, to be billed by a later run once the tariff exists.
                    if (kind is not null)
                    {
                        findings.Add($"Sans tarif : {activity.Name} / {UnitName(activity, cell.UnitId)} ; ces jours ne sont pas facturés.");
                    }

                    continue;
                }

                if (kind is { } billed)
                {
                    var tariff = activity.PriceFor(cell.UnitId, TariffChoice.QuotientOn(history, cell.Date), outOfCommune);
                    var registrationId = cell.RegistrationId
                        ?? registrationOf[(cell.ChildId, cell.ActivityId)].FirstOrDefault(r => r.Start <= cell.Date && cell.Date <= r.End)?.Id;
                    days.Add(new BillableDay(cell.ChildId, registrationId, cell.ActivityId, cell.UnitId, cell.Date, billed,
                        BillingRule.UnitPrice(billed, tariff, activity.UnexpectedSurcharge, activity.AbsencePenalty)));
                }

                settled++;
            }

            var draft = InvoiceDraft.From(days);
            if (draft.Lines.Count == 0 || draft.Total <= 0)
            {
                continue;
            }

            if (history.Count == 0)
            {
                findings.Add($"Famille sans quotient familial : {person.Name} (tranche la plus haute appliquée).");
            }

            onBill(new FamilyBill(familyId, person.Name, person.Address, draft, settled));
        }

        return untariffed;
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
        if (db.Database.IsSqlite())
        {
            // A batch writes tens of thousands of index entries: SQLite's default cache (2 MB)
            // would read the same pages again and again. Kept by the pooled connection, harmless.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -32768", cancellationToken);
        }

        await BillingLocks.LockFamiliesAsync(db, familyIds, cancellationToken);
        var findings = new Findings();
        var bills = new List<FamilyBill>();
        var catalogue = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var untariffed = await BillAsync(run.Month, run.Activities, today, familyIds, catalogue, findings, bills.Add, cancellationToken);
        // Numbered in the order of the families' names within the batch.
        bills.Sort((a, b) => StringComparer.Ordinal.Compare(a.FamilyName, b.FamilyName) is var byName and not 0 ? byName : a.FamilyId.CompareTo(b.FamilyId));
        var amount = bills.Sum(b => b.Draft.Total);
        var count = bills.Count;
        if (count > 0)
        {
            var first = await BillingLocks.TakeNumbersAsync(db, DocumentNumber.InvoiceSeries, today.Year, count, cancellationToken);
            var names = await NamesAsync(bills, cancellationToken);
            var invoices = bills.Select((bill, i) => NewInvoice(bill, run, today.Year, first + i, today, now, names)).ToList();
            try
            {
                await BulkInsert.InsertAsync(db, invoices, cancellationToken);
                await BulkInsert.InsertAsync(db, [.. invoices.SelectMany(i => i.Lines)], cancellationToken);
                await SettleAsync(run, invoices, untariffed, bills.Sum(b => b.Days), cancellationToken);
            }
            catch (DbException e) when (UniqueViolation.IsProviderError(e))
            {
                throw new BillingConflictException();
            }

            // A family's credit (an overpayment, an online payment of an invoice paid meanwhile)
            // pays its new invoice at once, in the batch's transaction.
            var paidByCredit = new Dictionary<Guid, decimal>();
            if (await recording.SpendCreditsOfAsync([.. invoices.Select(i => i.FamilyId)], cancellationToken) > 0)
            {
                var ids = invoices.Select(i => i.Id).ToList();
                paidByCredit = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id) && i.Paid > 0).ToDictionaryAsync(i => i.Id, i => i.Paid, cancellationToken);
            }

            await NotifyAsync(invoices, paidByCredit, cancellationToken);
        }

        run.FamiliesDone += familyIds.Count;
        run.InvoicesIssued += count;
        run.AmountIssued += amount;
        run.LastFamilyId = familyIds[^1];
        run.HeartbeatAt = now;
        run.Anomalies = string.Join('\n', run.Anomalies.Split('\n', StringSplitOptions.RemoveEmptyEntries).Union(findings.Anomalies(catalogue, counted: false)).Order(StringComparer.Ordinal));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (count, amount);
    }

    /// <summary>
    /// Records the days the batch's invoices took into account, in one statement run by the
    /// database: every day of the month reserved and holding a place, or marked without a
    /// reservation, outside the units without a tariff, of each family that got an invoice in
    /// the batch. A reserved day and its mark give the same row with the same key: the second
    /// is skipped, so only a mark without a reservation adds a day, and no lookup of a
    /// reservation per mark is needed. The day's key also skips the days billed before (a month issued again); what is
    /// inserted must be exactly the days the batch priced. The families are locked since the
    /// batch read them, so a count that differs means a day changed anyway (a credit note freed
    /// it, another invoice took it): the batch is then done again.
    /// </summary>
    private async Task SettleAsync(InvoicingRun run, List<Invoice> invoices, HashSet<Guid> untariffed, int expected, CancellationToken cancellationToken)
    {
        var (first, last) = Bounds(run.Month);
        var parameters = new List<object> { first, last };
        string Parameter(object value)
        {
            parameters.Add(value);
            return $"{{{parameters.Count - 1}}}";
        }

        // PostgreSQL takes a list as one array and plans it well; SQLite takes one parameter per id.
        var postgres = !db.Database.IsSqlite();
        string In(IReadOnlyCollection<Guid> ids) => postgres
            ? $"= ANY ({Parameter(ids.ToArray())})"
            : $"IN ({string.Join(", ", ids.Select(id => Parameter(id)))})";

        // Each family with its invoice of the batch. PostgreSQL reads the pairs from two arrays:
        // joined with the invoices' table, it would plan with the statistics of a run that had
        // no invoice yet, and scan the month once per family. SQLite, which keeps no
        // statistics, is told the reservations' index (see HeldDays).
        string From(string table, string index) => postgres
            ? $"""unnest({Parameter(invoices.Select(i => i.FamilyId).ToArray())}, {Parameter(invoices.Select(i => i.Id).ToArray())}) AS i("FamilyId", "Id") JOIN "{table}" AS x ON x."FamilyId" = i."FamilyId" """
            : $"""
                "{table}" AS x {index} JOIN "Invoices" AS i ON i."RunId" = {Parameter(run.Id)} AND i."FamilyId" = x."FamilyId" AND x."FamilyId" {In([.. invoices.Select(i => i.FamilyId)])}
                """;

        var activities = run.Activities.Count == 0 ? "" : $"AND x.\"ActivityId\" {In(run.Activities)}";
        var tariffed = untariffed.Count == 0 ? "" : $"AND NOT x.\"UnitId\" {In(untariffed)}";
        // The same conditions for both tables, written once; "x" is the reservation or the mark.
        var common = $$"""x."Date" >= {0} AND x."Date" <= {1} {{activities}} {{tariffed}}""";
        // Only placeholders, table names and the states' numbers are written into the text; every value is a parameter.
        var sql = $$"""
            INSERT INTO "BilledDays" ("UnitId", "Date", "ChildId", "InvoiceId")
            SELECT x."UnitId", x."Date", x."ChildId", i."Id"
            FROM {{From("Reservations", $"INDEXED BY \"{ReservationBillingConfiguration.HeldIndex}\"")}}
            WHERE x.{{ReservationBillingConfiguration.HeldFilter}} AND {{common}}
            UNION ALL
            SELECT x."UnitId", x."Date", x."ChildId", i."Id"
            FROM {{From("Attendance", "")}}
            WHERE {{common}}
            ON CONFLICT DO NOTHING
            """;
        var settled = await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        if (settled != expected)
        {
            throw new BillingConflictException();
        }
    }

    private async Task NotifyAsync(List<Invoice> invoices, Dictionary<Guid, decimal> paidByCredit, CancellationToken cancellationToken)
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
                    paidByCredit.TryGetValue(invoice.Id, out var credit)
                        ?
                        [
                            $"Votre facture n° {invoice.Number} de {FrenchDates.MonthAndYear(invoice.Month)} est disponible dans votre espace : {Money.Euros(invoice.Total)}.",
                            credit >= invoice.Total
                                ? $"Le crédit de votre compte la règle entièrement ({Money.Euros(credit)}) : vous n'avez rien à payer."
                                : $"Le crédit de votre compte en règle {Money.Euros(credit)} : il reste {Money.Euros(invoice.Total - credit)} à régler avant le {ParisClock.FormatDate(invoice.DueOn)}.",
                            "Vous pouvez la consulter depuis Mon compte.",
                        ]
                        :
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
        // Ids that grow with time: a batch's rows go to the end of each index, not to a
        // thousand random pages of tables that hold every invoice of the commune.
        var id = Guid.CreateVersion7();
        var lines = bill.Draft.Lines
            .OrderBy(l => names.Children.GetValueOrDefault(l.ChildId), StringComparer.Ordinal)
            .ThenBy(l => names.Activities.GetValueOrDefault(l.ActivityId), StringComparer.Ordinal)
            .ThenBy(l => names.UnitOrder.GetValueOrDefault(l.UnitId))
            .ThenBy(l => l.Kind)
            .ThenBy(l => l.UnitPrice)
            .Select((l, i) => new InvoiceLine
            {
                Id = Guid.CreateVersion7(),
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
                SurchargePerDay = l.Kind == BillingKind.Unexpected ? names.Surcharges.GetValueOrDefault(l.ActivityId) ?? 0m : null,
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

    private sealed record Names(
        Dictionary<Guid, string> Children, Dictionary<Guid, string> Activities, Dictionary<Guid, string> Units, Dictionary<Guid, int> UnitOrder, Dictionary<Guid, decimal?> Surcharges);

    private async Task<Names> NamesAsync(List<FamilyBill> bills, CancellationToken cancellationToken)
    {
        var childIds = bills.SelectMany(f => f.Draft.Lines.Select(l => l.ChildId)).Distinct().ToList();
        var children = await db.Children.AsNoTracking().Where(c => childIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName })
            .ToDictionaryAsync(c => c.Id, c => $"{c.FirstName} {c.LastName.ToUpperInvariant()}", cancellationToken);
        var activities = await db.Activities.AsNoTracking().ToListAsync(cancellationToken);
        return new Names(
            children,
            activities.ToDictionary(a => a.Id, a => a.Name),
            activities.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.Name),
            activities.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.DisplayOrder),
            activities.ToDictionary(a => a.Id, a => a.UnexpectedSurcharge));
    }

    private sealed record Person(string Name, string Address, string? Town, List<QuotientFrom> CurrentQuotient);

    private async Task<Dictionary<Guid, Person>> PeopleAsync(IReadOnlyCollection<Guid> familyIds, CancellationToken cancellationToken)
    {
        var guardians = await db.Guardians.AsNoTracking().Where(g => g.Rank == 1 && familyIds.Contains(g.FamilyId))
            .Select(g => new { g.FamilyId, g.FirstName, g.LastName })
            .ToDictionaryAsync(g => g.FamilyId, cancellationToken);
        var families = await db.Families.AsNoTracking().IgnoreAutoIncludes().Where(f => familyIds.Contains(f.Id))
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

    /// <summary>
    /// The batch's month, not billed yet: the reserved days holding a place, and the marks.
    /// Both are read from an index that leads with the family and holds every column the query
    /// needs (see <see cref="HeldDays"/>). The days billed before are read apart, by child, and
    /// set aside here: a lookup per day costs PostgreSQL more than reading the day. The
    /// activities are filtered by the caller: an activity in the query made SQLite walk another
    /// index. The rows carry no family nor activity: a city's month is millions of rows, and
    /// reading an identifier costs more than finding it from the child and the unit.
    /// </summary>
    private async Task<(List<Cell> Reserved, List<MarkedDay> Marks)> ReadAsync(
        DateOnly first, DateOnly last, IReadOnlyCollection<Guid> families, Dictionary<Guid, Activity> catalogue, CancellationToken cancellationToken)
    {
        var familyOf = await db.Children.AsNoTracking().Where(c => families.Contains(c.FamilyId)).Select(c => new { c.Id, c.FamilyId })
            .ToDictionaryAsync(c => c.Id, c => c.FamilyId, cancellationToken);
        var children = familyOf.Keys.ToList();
        var billed = (await db.BilledDays.AsNoTracking()
                .Where(b => children.Contains(b.ChildId) && b.Date >= first && b.Date <= last)
                .Select(b => new { b.ChildId, b.UnitId, b.Date })
                .ToListAsync(cancellationToken))
            .Select(b => (b.ChildId, b.UnitId, b.Date))
            .ToHashSet();
        var activityOf = catalogue.Values.SelectMany(a => a.Units.Select(u => (UnitId: u.Id, ActivityId: a.Id))).ToDictionary(u => u.UnitId, u => u.ActivityId);
        var reserved = await HeldDays(db, families, first, last)
            .Select(r => new { r.ChildId, r.UnitId, r.Date, r.RegistrationId })
            .ToListAsync(cancellationToken);
        var marks = await db.Attendance.AsNoTracking()
            .Where(a => families.Contains(a.FamilyId) && a.Date >= first && a.Date <= last)
            .Select(a => new { a.ChildId, a.UnitId, a.Date, a.Mark })
            .ToListAsync(cancellationToken);
        return (
            [.. reserved.Where(r => !billed.Contains((r.ChildId, r.UnitId, r.Date)))
                .Select(r => new Cell(familyOf[r.ChildId], r.ChildId, activityOf[r.UnitId], r.UnitId, r.Date, r.RegistrationId, true, null))],
            [.. marks.Where(m => !billed.Contains((m.ChildId, m.UnitId, m.Date)))
                .Select(m => new MarkedDay(familyOf[m.ChildId], m.ChildId, activityOf[m.UnitId], m.UnitId, m.Date, m.Mark))]);
    }

    // Only constants: the index's name and its filter.
    private static readonly string HeldDaysOnSqlite =
        $"""SELECT * FROM "Reservations" INDEXED BY "{ReservationBillingConfiguration.HeldIndex}" WHERE {ReservationBillingConfiguration.HeldFilter}""";

    /// <summary>
    /// The days holding a place of <paramref name="families"/> in a month, read from the index
    /// of those days (<see cref="ReservationBillingConfiguration.HeldIndex"/>) with its filter
    /// written as in the index. PostgreSQL finds it from its statistics; SQLite, which keeps
    /// none, chose the index of the state (a city's month for each batch) and is told which
    /// index to use: a query it could not serve from it fails instead of walking the table.
    /// </summary>
    internal static IQueryable<Reservation> HeldDays(AppDbContext db, IReadOnlyCollection<Guid> families, DateOnly first, DateOnly last)
    {
        var held = db.Database.IsSqlite()
            ? db.Reservations.FromSqlRaw(HeldDaysOnSqlite)
            : db.Reservations.Where(r => EF.Constant(HeldStates).Contains(r.State));
        return held.AsNoTracking().Where(r => families.Contains(r.FamilyId) && r.Date >= first && r.Date <= last);
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
