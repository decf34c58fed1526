namespace PortailFamille.Domain.Reservations;

/// <summary>
/// One nightly transfer (docs/product.md 4.2): when it ran, who started it, how many requests and
/// cancellations it sent, and what the automatic decisions that follow it did.
/// </summary>
public sealed class TransferRun
{
    /// <summary>Who starts the scheduled run.</summary>
    public const string Scheduler = "planificateur";

    private TransferRun()
    {
        StartedBy = "";
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>When it started, in UTC.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When it ended, in UTC; null while it runs (or if it failed).</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>"planificateur" for the nightly run, else the agent who started it by hand.</summary>
    public string StartedBy { get; private set; }

    /// <summary>
    /// The night of a scheduled run (its Paris date), null for a run started by hand: one
    /// scheduled run per night, even with several web servers.
    /// </summary>
    public DateOnly? Night { get; private set; }

    /// <summary>Requests moved from "Demande de réservation" to "envoyée".</summary>
    public int RequestsSent { get; private set; }

    /// <summary>Cancellation requests moved from "Demande d'annulation" to "envoyée".</summary>
    public int CancellationsSent { get; private set; }

    /// <summary>Requests confirmed by the automatic decision.</summary>
    public int Confirmed { get; private set; }

    /// <summary>Requests put on the waiting list by the automatic decision.</summary>
    public int Waitlisted { get; private set; }

    /// <summary>Cancellations accepted by the automatic decision.</summary>
    public int CancellationsAccepted { get; private set; }

    /// <summary>Waitlisted requests that received a freed place.</summary>
    public int Promoted { get; private set; }

    /// <summary>Sent requests refused by the automatic decision: the day no longer runs, or has passed.</summary>
    public int Refused { get; private set; }

    /// <summary>Families emailed a summary of the decisions about their requests.</summary>
    public int FamiliesNotified { get; private set; }

    /// <summary>A run that starts now; <paramref name="night"/> for the scheduled one.</summary>
    public static TransferRun Start(DateTimeOffset now, string startedBy, DateOnly? night = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startedBy);
        return new TransferRun { Id = Guid.NewGuid(), StartedAt = now, StartedBy = startedBy, Night = night };
    }

    /// <summary>Records what the transfer sent.</summary>
    public void Sent(int requests, int cancellations)
    {
        RequestsSent = requests;
        CancellationsSent = cancellations;
    }

    /// <summary>Records what the automatic decisions did.</summary>
    public void Decided(int confirmed, int waitlisted, int cancellationsAccepted, int promoted, int refused = 0)
    {
        Refused = refused;
        Confirmed = confirmed;
        Waitlisted = waitlisted;
        CancellationsAccepted = cancellationsAccepted;
        Promoted = promoted;
    }

    /// <summary>Ends the run, with the number of families told of a decision.</summary>
    public void Finish(DateTimeOffset now, int familiesNotified)
    {
        FamiliesNotified = familiesNotified;
        FinishedAt = now;
    }
}
