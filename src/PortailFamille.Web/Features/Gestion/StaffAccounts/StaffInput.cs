using System.ComponentModel.DataAnnotations;
using PortailFamille.Domain.Staff;

namespace PortailFamille.Web.Features.Gestion.StaffAccounts;

public sealed class StaffInput
{
    [Display(Name = "Prénom")]
    [Required(ErrorMessage = "Saisissez le prénom.")]
    public string? FirstName { get; set; }

    [Display(Name = "Nom")]
    [Required(ErrorMessage = "Saisissez le nom.")]
    public string? LastName { get; set; }

    [Display(Name = "Adresse email professionnelle")]
    [Required(ErrorMessage = "Saisissez l'adresse email professionnelle : elle sera l'identifiant.")]
    public string? Email { get; set; }

    [Display(Name = "Rôle")]
    [Required(ErrorMessage = "Choisissez le rôle.")]
    [EnumDataType(typeof(StaffRole), ErrorMessage = "Choisissez le rôle Agent ou Administrateur.")]
    public StaffRole? Role { get; set; }
}
