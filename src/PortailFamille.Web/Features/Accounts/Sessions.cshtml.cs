using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PortailFamille.Web.Features.Accounts.Sessions;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>
/// "Mes sessions": the browsers where the account is signed in (since when, from which browser
/// and address, last seen), each of which can be ended, and "Se déconnecter partout".
/// </summary>
[Authorize]
public sealed class SessionsModel(UserSessions sessions, UserManager<AppUser> users, SignInManager<AppUser> signInManager) : PageModel
{
    public IReadOnlyList<OpenSession> Open { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (users.GetUserId(User) is not { } id)
        {
            return Challenge();
        }

        Open = await sessions.OpenAsync(Guid.Parse(id), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid session)
    {
        if (users.GetUserId(User) is not { } id)
        {
            return Challenge();
        }

        if (session == sessions.Current)
        {
            return await SignOutEverywhereOrHereAsync(Guid.Parse(id), everywhere: false);
        }

        var ended = await sessions.EndAsync(Guid.Parse(id), session, HttpContext.RequestAborted);
        TempData["Message"] = ended ? "La session a été fermée." : "Cette session était déjà fermée.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (users.GetUserId(User) is not { } id)
        {
            return Challenge();
        }

        return await SignOutEverywhereOrHereAsync(Guid.Parse(id), everywhere: true);
    }

    private async Task<IActionResult> SignOutEverywhereOrHereAsync(Guid userId, bool everywhere)
    {
        var wasStaff = User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Administrator);
        if (everywhere)
        {
            await sessions.EndAllAsync(userId, except: null, HttpContext.RequestAborted);
        }

        await signInManager.SignOutAsync();
        TempData["Message"] = everywhere ? "Vous êtes déconnecté de tous vos appareils." : "Vous êtes déconnecté. À bientôt !";
        return Redirect(wasStaff ? "/gestion/connexion" : "/");
    }
}
