using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Features.Accounts;
using PortailFamille.Web.Features.Home;

namespace PortailFamille.Web.Features.Gestion;

/// <summary>The back office's own sign-in page, for agents and administrators only.</summary>
public sealed class SignInModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Administrator) ? Redirect("/gestion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await signIn.SignInAsync(Input.Email, Input.Password, AccountKind.Staff))
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/gestion", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/gestion");
            case SignInOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, SignInService.LockedOutMessage);
                break;
            case SignInOutcome.FamilyClosed:
                ModelState.AddModelError(string.Empty, SignInService.FamilyClosedMessage);
                break;
            default:
                ModelState.AddModelError(string.Empty, SignInService.FailedMessage);
                break;
        }

        Input.Password = null;
        return Page();
    }
}
