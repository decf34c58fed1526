using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.SignUp;

/// <summary>
/// The emailed link of an online sign-up: "Confirmer mon adresse email" creates the family and
/// its account. Opening the link changes nothing (mail scanners open links too); the button does.
/// An expired link offers a new one; a used or wrong link says so.
/// </summary>
public sealed class ConfirmModel(SignUpConfirmation confirmation, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "demande")]
    public Guid RequestId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public ConfirmationLinkState State { get; private set; }

    public ConfirmationOutcome? Outcome { get; private set; }

    /// <summary>The address the link was sent to (shown to whoever holds the link, who read it there).</summary>
    public string? Email { get; private set; }

    public bool NewLinkSent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var link = await confirmation.FindAsync(RequestId, Token, HttpContext.RequestAborted);
        State = link.State;
        Email = link.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var link = await confirmation.FindAsync(RequestId, Token, HttpContext.RequestAborted);
        State = link.State;
        Email = link.Email;
        if (link.State == ConfirmationLinkState.Valid)
        {
            Outcome = await confirmation.ConfirmAsync(link, HttpContext.RequestAborted);
            if (Outcome == ConfirmationOutcome.AlreadyUsed)
            {
                State = ConfirmationLinkState.Used;
                Outcome = null;
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostNewLinkAsync()
    {
        var link = await confirmation.FindAsync(RequestId, Token, HttpContext.RequestAborted);
        State = link.State;
        Email = link.Email;
        if (link is { State: ConfirmationLinkState.Expired or ConfirmationLinkState.Valid, Draft: { } draft, Payload: { } payload })
        {
            confirmation.SendLink(draft, payload);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            NewLinkSent = true;
        }

        return Page();
    }
}
