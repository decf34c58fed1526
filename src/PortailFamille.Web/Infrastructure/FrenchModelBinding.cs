using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PortailFamille.Web.Infrastructure;

/// <summary>The model binder's own messages (a letter typed in a number field…), in French.</summary>
public static class FrenchModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour le champ {field}.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Le champ {field} est obligatoire.");
        messages.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la demande est vide.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"La valeur saisie n'est pas valide pour le champ {field}.");
        messages.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetValueMustBeANumberAccessor(field => $"Le champ {field} doit être un nombre.");
        messages.SetValueMustNotBeNullAccessor(field => $"Le champ {field} est obligatoire.");
    }
}
