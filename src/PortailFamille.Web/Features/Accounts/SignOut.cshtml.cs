using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>Déconnexion: a POST only, so that a link on another site cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<AppUser> signInManager) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var wasStaff = User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Administrator);
        await signInManager.SignOutAsync();
        TempData["Message"] = "Vous êtes déconnecté. À bientôt !";
        return Redirect(wasStaff ? "/gestion/connexion" : "/");
    }
}
