using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>The families known to the portal, by name, with the state of their account.</summary>
public sealed class IndexModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Email, FamilyStatus Status, int Children, DateTimeOffset? ActivatedAt, bool HasPassword);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Total = await db.Families.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await (
            from g in db.Guardians
            where g.Rank == 1
            join f in db.Families on g.FamilyId equals f.Id
            join u in db.Users on g.Email equals u.Email into accounts
            from u in accounts.DefaultIfEmpty()
            orderby g.LastName, g.FirstName
            select new
            {
                f.Id,
                g.LastName,
                g.FirstName,
                g.Email,
                f.Status,
                Children = db.Children.Count(c => c.FamilyId == f.Id),
                ActivatedAt = u == null ? null : u.ActivatedAt,
                HasPassword = u != null && u.PasswordHash != null,
            })
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        Rows = [.. rows.Select(r => new Row(r.Id, $"{r.LastName.ToUpperInvariant()} {r.FirstName}", r.Email, r.Status, r.Children, r.ActivatedAt, r.HasPassword))];
    }

    /// <summary>Sends the invitation again to a family whose responsable has not chosen a password yet.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid familyId)
    {
        var ct = HttpContext.RequestAborted;
        var user = await db.Users.SingleOrDefaultAsync(u => u.FamilyId == familyId && u.PasswordHash == null && !u.IsDisabled, ct);
        if (user is null)
        {
            TempData["Message"] = "Cette famille a déjà choisi son mot de passe : elle peut utiliser « Mot de passe oublié ? ».";
            return RedirectToPage();
        }

        // A new security stamp makes the previous invitation link useless.
        await users.UpdateSecurityStampAsync(user);
        await mails.QueueInvitationAsync(user);
        audit.Record("Famille", familyId, $"Invitation envoyée à nouveau à {user.Email}.");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Une nouvelle invitation a été envoyée à {user.Email}.";
        return RedirectToPage();
    }
}
