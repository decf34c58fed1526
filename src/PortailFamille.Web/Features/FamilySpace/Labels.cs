using PortailFamille.Domain.Families;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>The French words of the family file's lists, shared by the portal and the back office.</summary>
public static class Labels
{
    public static string Of(Sex sex) => sex == Sex.Female ? "Féminin" : "Masculin";

    public static string Of(BenefitScheme scheme) => scheme switch
    {
        BenefitScheme.General => "Régime général",
        BenefitScheme.Msa => "MSA",
        BenefitScheme.Other => "Autre régime",
        _ => "Non allocataire",
    };

    public static string Of(Diet diet) => diet switch
    {
        Diet.NoPork => "Sans porc",
        Diet.NoMeat => "Sans viande",
        Diet.Vegetarian => "Végétarien",
        Diet.AllergenFree => "Sans allergène (PAI)",
        _ => "Sans régime particulier",
    };

    public static string Of(FamilyStatus status) => status switch
    {
        FamilyStatus.Active => "Actif",
        FamilyStatus.PendingValidation => "En attente de validation",
        FamilyStatus.Rejected => "Refusé",
        _ => "Désactivé",
    };

    public static readonly IReadOnlyList<BenefitScheme> Schemes = [BenefitScheme.General, BenefitScheme.Msa, BenefitScheme.Other, BenefitScheme.None];

    public static readonly IReadOnlyList<Diet> Diets = [Diet.Standard, Diet.NoPork, Diet.NoMeat, Diet.Vegetarian, Diet.AllergenFree];
}
