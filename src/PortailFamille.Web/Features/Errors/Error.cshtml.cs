using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace PortailFamille.Web.Features.Errors;

/// <summary>
/// The page shown for an error status (404, 403, 400, 429) and for an unexpected failure, in
/// French, with the way back.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Describe(code ?? 500);

    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        // Two people saved the same file at the same moment: the second save was refused
        // whole. Not a failure of the portal: say what happened and that nothing was lost.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is DbUpdateConcurrencyException)
        {
            code = StatusCodes.Status409Conflict;
            Response.StatusCode = code;
        }

        Code = code;
        (Title, Message) = code switch
        {
            400 => ("Demande non valide", "La page a expiré ou le formulaire n'a pas pu être vérifié. Rechargez la page puis recommencez : rien n'a été enregistré."),
            403 => ("Accès refusé", "Vous n'avez pas accès à cette page avec le compte utilisé."),
            404 => ("Page introuvable", "La page demandée n'existe pas ou n'existe plus."),
            405 => ("Demande non valide", "Cette page ne s'utilise pas de cette façon."),
            409 => ("Modification simultanée", "Le dossier a été modifié par quelqu'un d'autre au même moment : votre modification n'a pas été enregistrée. Rechargez la page pour voir la version à jour, puis recommencez."),
            429 => ("Trop de tentatives", "Vous avez fait trop de tentatives en peu de temps. Patientez une minute avant de réessayer."),
            _ => ("Une erreur est survenue", "Le portail n'a pas pu traiter votre demande. Réessayez dans quelques instants ; si le problème persiste, contactez le service."),
        };
        if (code >= 500)
        {
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
