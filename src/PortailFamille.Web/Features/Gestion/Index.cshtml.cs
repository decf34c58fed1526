using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Domain.Registrations;
using PortailFamille.Domain.Reservations;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion;

/// <summary>Tableau de bord of the back office.</summary>
public sealed class IndexModel(AppDbContext db, ParisClock clock) : PageModel
{
    /// <summary>Sent requests and cancellations, from today on, waiting for the service.</summary>
    public int ReservationsWaiting { get; private set; }

    public int ActiveFamilies { get; private set; }

    public int FamiliesAwaitingValidation { get; private set; }

    public int InvitationsNotAccepted { get; private set; }

    public int RegistrationsWaiting { get; private set; }

    public int MailsWaiting { get; private set; }

    public int MailsFailing { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        ActiveFamilies = await db.Families.CountAsync(f => f.Status == FamilyStatus.Active, ct);
        FamiliesAwaitingValidation = await db.Families.CountAsync(f => f.Status == FamilyStatus.PendingValidation, ct);
        var today = clock.Today;
        ReservationsWaiting = await db.Reservations.CountAsync(
            r => (r.State == ReservationState.RequestSent || r.State == ReservationState.CancellationSent) && r.Date >= today, ct);
        RegistrationsWaiting = await db.Registrations.CountAsync(r => r.Status == RegistrationStatus.Requested, ct);
        InvitationsNotAccepted = await db.Users.CountAsync(u => u.PasswordHash == null && !u.IsDisabled, ct);
        MailsWaiting = await db.OutboxMails.CountAsync(m => m.SentAt == null, ct);
        MailsFailing = await db.OutboxMails.CountAsync(m => m.SentAt == null && m.Attempts > 0, ct);
    }

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);
}
