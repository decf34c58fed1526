using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Features.Accounts;

namespace PortailFamille.Web.Features.Home;

/// <summary>The portal's home: sign-up invitation, family sign-in and information.</summary>
public sealed class IndexModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Family))
        {
            return Redirect("/famille");
        }

        return User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Administrator) ? Redirect("/gestion") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await signIn.SignInAsync(Input.Email, Input.Password, AccountKind.Family))
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/gestion", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/famille");
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

public sealed class SignInInput
{
    [Display(Name = "Votre identifiant")]
    [Required(ErrorMessage = "Saisissez votre identifiant (votre adresse email).")]
    [MaxLength(254, ErrorMessage = "L'identifiant est trop long.")]
    public string? Email { get; set; }

    [Display(Name = "Votre mot de passe")]
    [Required(ErrorMessage = "Saisissez votre mot de passe.")]
    [MaxLength(200, ErrorMessage = "Le mot de passe est trop long.")]
    public string? Password { get; set; }
}
