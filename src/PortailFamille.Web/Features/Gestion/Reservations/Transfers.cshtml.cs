using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;
using Quartz;

namespace PortailFamille.Web.Features.Gestion.Reservations;

/// <summary>
/// "Transferts": the nightly transfers that ran, newest first, with what each sent and
/// decided, the time of the next one, and the button that starts one by hand (docs/product.md 4.2).
/// </summary>
public sealed class TransfersModel(
    AppDbContext db,
    NightlyTransfer transfer,
    AuditTrail audit,
    IConfiguration configuration,
    IServiceProvider services,
    ParisClock clock) : PageModel
{
    public const int PageSize = 50;
    public const string Address = "/gestion/reservations/transferts";

    public IReadOnlyList<TransferRun> Runs { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The next scheduled run, in UTC; null when the schedule is off.</summary>
    public DateTimeOffset? NextRun { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page)
    {
        var ct = HttpContext.RequestAborted;
        Total = await db.TransferRuns.CountAsync(ct);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Runs = await db.TransferRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        NextRun = await NextRunAsync(ct);
    }

    public async Task<IActionResult> OnPostRunAsync()
    {
        // Not tied to the request: an agent leaving the page (or a proxy's time-out) must not
        // stop a run half-way. A run started by hand has no night: it never stops the scheduled
        // one from running.
        var ct = CancellationToken.None;
        TransferRun? run;
        try
        {
            run = await transfer.RunAsync(ReservationWords.Agent(User), null, ct);
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            TempData["Message"] = "Le transfert s'est arrêté sur une erreur : ce qui a été envoyé ou décidé avant l'erreur l'est, le reste attend. Relancez-le ; si l'erreur revient, prévenez l'administrateur (le journal du serveur la décrit).";
            return Redirect(Address);
        }

        if (run is null)
        {
            TempData["Message"] = "Le transfert n'a pas été lancé : un autre transfert est en cours. Rechargez cette page dans quelques minutes.";
            return Redirect(Address);
        }

        var summary = Summary(run);
        audit.Record("Transfert", run.Id, $"Transfert lancé à la main : {summary}");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Le transfert est terminé : {summary}";
        return Redirect(Address);
    }

    public string PageUrl(int page) => page > 1 ? $"{Address}?page={page.ToString(CultureInfo.InvariantCulture)}" : Address;

    /// <summary>"28/11/2026 01:00", in Paris time.</summary>
    public static string When(DateTimeOffset instant) =>
        ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Summary(TransferRun run) =>
        $"{run.RequestsSent} demande(s) et {run.CancellationsSent} annulation(s) envoyée(s) ; {run.Confirmed} validée(s), {run.Waitlisted} en liste d'attente, {run.CancellationsAccepted} annulation(s) acceptée(s), {run.Promoted} place(s) attribuée(s){(run.Refused > 0 ? $", {run.Refused} refusée(s) (jour fermé ou passé)" : "")} ; {run.FamiliesNotified} famille(s) prévenue(s).";

    /// <summary>
    /// The scheduler's own next fire time when it runs in this process; else the time the
    /// configured cron gives, so that the page says the same thing as the schedule.
    /// </summary>
    private async Task<DateTimeOffset?> NextRunAsync(CancellationToken cancellationToken)
    {
        var cron = configuration[$"{ReservationSetup.Section}:Cron"];
        if (string.Equals(cron, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (services.GetService<ISchedulerFactory>() is { } factory)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var triggers = await scheduler.GetTriggersOfJob(ReservationSetup.TransferJobKey, cancellationToken);
            var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
            if (next is not null)
            {
                return next;
            }
        }

        var expression = string.IsNullOrWhiteSpace(cron) ? ReservationSetup.DefaultCron : cron;
        return CronExpression.TryParse(expression, out _)
            ? new CronExpression(expression, ParisClock.Zone).GetNextValidTimeAfter(clock.UtcNow)
            : null;
    }
}
