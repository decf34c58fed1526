using System.ComponentModel.DataAnnotations;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>A new password typed twice, as every "choose a password" form asks.</summary>
public sealed class NewPasswordInput
{
    public const string Rule = "Au moins 12 caractères, dont une majuscule, une minuscule, un chiffre et un caractère spécial.";

    [Display(Name = "Nouveau mot de passe")]
    [Required(ErrorMessage = "Saisissez le nouveau mot de passe.")]
    [MaxLength(200, ErrorMessage = "Le mot de passe ne doit pas dépasser 200 caractères.")]
    public string? Password { get; set; }

    [Display(Name = "Confirmez le nouveau mot de passe")]
    [Required(ErrorMessage = "Saisissez une seconde fois le nouveau mot de passe.")]
    [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe saisis ne sont pas identiques.")]
    public string? Confirmation { get; set; }
}
