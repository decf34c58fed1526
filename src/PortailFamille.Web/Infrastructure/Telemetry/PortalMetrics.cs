using System.Diagnostics.Metrics;

namespace PortailFamille.Web.Infrastructure.Telemetry;

/// <summary>
/// The portal's own measures, beside those of ASP.NET Core, HttpClient, the database driver
/// and the runtime: what operators watch on registration day and at night (docs/operations.md,
/// "What operators watch"). Published by the meter <see cref="MeterName"/>; nothing leaves the
/// process unless an exporter is configured (<see cref="TelemetrySetup"/>).
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "PortailFamille";

    private readonly Counter<long> _cells;
    private readonly Histogram<double> _transfer;
    private readonly Histogram<double> _invoicing;
    private long _mailsWaiting;
    private long _mailsFailing;
    private long _paymentsPending;

    public PortalMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _cells = meter.CreateCounter<long>("portail.reservations.cells", "{cell}",
            "Cells of Mes réservations a family asked to move, by outcome: saved, refused by a rule, conflict (changed meanwhile).");
        _transfer = meter.CreateHistogram<double>("portail.transfer.duration", "s", "Duration of the nightly transfer runs that finished.");
        _invoicing = meter.CreateHistogram<double>("portail.invoicing.duration", "s", "Duration of the invoicing runs, from taken to done or failed.");
        meter.CreateObservableGauge("portail.mails.waiting", () => Interlocked.Read(ref _mailsWaiting), "{mail}", "Emails of the outbox not sent yet, as this server's dispatcher last counted them.");
        meter.CreateObservableGauge("portail.mails.failing", () => Interlocked.Read(ref _mailsFailing), "{mail}", "Emails waiting after at least one failed attempt.");
        meter.CreateObservableGauge("portail.payments.pending", () => Interlocked.Read(ref _paymentsPending), "{attempt}", "Online payment attempts still pending after the last round of checks.");
    }

    public void CellsSaved(int count) => Add(count, "saved");

    public void CellsRefused(int count) => Add(count, "refused");

    public void CellsConflicted(int count) => Add(count, "conflict");

    public void TransferRan(TimeSpan duration) => _transfer.Record(duration.TotalSeconds);

    public void InvoicingRan(TimeSpan duration, bool failed) =>
        _invoicing.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "done"));

    public void Outbox(long waiting, long failing)
    {
        Interlocked.Exchange(ref _mailsWaiting, waiting);
        Interlocked.Exchange(ref _mailsFailing, failing);
    }

    public void PaymentsPending(long pending) => Interlocked.Exchange(ref _paymentsPending, pending);

    private void Add(int count, string outcome)
    {
        if (count > 0)
        {
            _cells.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
