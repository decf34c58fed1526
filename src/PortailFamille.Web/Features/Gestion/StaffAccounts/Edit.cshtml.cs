using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Staff;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Accounts.Sessions;
using PortailFamille.Web.Infrastructure.Auditing;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

/// <summary>An administrator changes a member of staff's role, or closes and reopens the account.</summary>
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, UserSessions sessions, AuditTrail audit) : PageModel
{
    public StaffMember Member { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    [BindProperty]
    public StaffRole? Role { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Role is not (StaffRole.Agent or StaffRole.Administrator))
        {
            ModelState.AddModelError(nameof(Role), "Choisissez le rôle Agent ou Administrateur.");
            return Page();
        }

        if (Role == Member.Role)
        {
            return Redirect($"/gestion/personnel/{id}");
        }

        var ct = HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (Member.Role == StaffRole.Administrator && !await StaffDirectory.AnotherActiveAdministratorRemainsAsync(db, id, ct))
        {
            ModelState.AddModelError(nameof(Role), "Il doit rester au moins un administrateur actif : nommez d'abord un autre administrateur.");
            return Page();
        }

        var user = (await users.FindByIdAsync(id.ToString()))!;
        await users.RemoveFromRoleAsync(user, Roles.For(Member.Role));
        await users.AddToRoleAsync(user, Roles.For(Role.Value));
        // Signs the person out everywhere, so the new role applies at once.
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, except: null, ct);
        audit.Record("Compte", id, $"Rôle de {Member.DisplayName} changé : {Member.RoleLabel} → {Roles.For(Role.Value)}.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"{Member.DisplayName} a maintenant le rôle {Roles.For(Role.Value)}.";
        return Redirect("/gestion/personnel");
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id) => await SetDisabledAsync(id, disabled: true);

    public async Task<IActionResult> OnPostEnableAsync(Guid id) => await SetDisabledAsync(id, disabled: false);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var ct = HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (disabled && Member.Role == StaffRole.Administrator && !await StaffDirectory.AnotherActiveAdministratorRemainsAsync(db, id, ct))
        {
            ModelState.AddModelError(string.Empty, "Il doit rester au moins un administrateur actif : ce compte ne peut pas être désactivé.");
            return Page();
        }

        var user = (await users.FindByIdAsync(id.ToString()))!;
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        if (disabled)
        {
            await sessions.EndAllAsync(user.Id, except: null, ct);
        }
        audit.Record("Compte", id, disabled ? $"Compte de {Member.DisplayName} désactivé." : $"Compte de {Member.DisplayName} réactivé.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = disabled ? $"Le compte de {Member.DisplayName} est désactivé." : $"Le compte de {Member.DisplayName} est réactivé.";
        return Redirect("/gestion/personnel");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var member = await StaffDirectory.Query(db).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (member is null)
        {
            return false;
        }

        Member = member;
        Role ??= member.Role;
        History = await db.AuditEntries.Where(e => e.SubjectId == id).OrderByDescending(e => e.Id).Take(50).ToListAsync(ct);
        return true;
    }
}
