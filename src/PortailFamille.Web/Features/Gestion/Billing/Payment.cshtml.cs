using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;

namespace PortailFamille.Web.Features.Gestion.Billing;

/// <summary>A payment as an agent sees it, with its receipt and the form "Annuler ce règlement".</summary>
public sealed class PaymentModel(AppDbContext db, PaymentRecording recording) : PageModel
{
    public PaymentRow Payment { get; private set; } = null!;

    public Guid FamilyId { get; private set; }

    public string FamilyName { get; private set; } = string.Empty;

    /// <summary>Why the agent cancels it, as typed.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await db.Payments.AnyAsync(p => p.Id == id, ct))
        {
            return NotFound();
        }

        var outcome = await recording.CancelAsync(id, Reason, User.Identity?.Name ?? "?", ct);
        if (!outcome.Succeeded)
        {
            foreach (var refusal in outcome.Refusals)
            {
                ModelState.AddModelError(refusal.Field, refusal.Message);
            }

            return await LoadAsync(id) ? Page() : NotFound();
        }

        TempData["Message"] = $"Le règlement {outcome.Value.Number} est annulé : les factures qu'il réglait sont de nouveau à payer.";
        return Redirect($"/gestion/reglements/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var familyId = await db.Payments.AsNoTracking().Where(p => p.Id == id).Select(p => (Guid?)p.FamilyId).SingleOrDefaultAsync(ct);
        if (familyId is not { } owner)
        {
            return false;
        }

        FamilyId = owner;
        Payment = (await FamilyBilling.PaymentsAsync(db, owner, ct)).Single(p => p.Id == id);
        var family = await db.Families.AsNoTracking().SingleAsync(f => f.Id == owner, ct);
        FamilyName = family.DisplayName;
        return true;
    }
}
