using Microsoft.AspNetCore.Identity;

namespace PortailFamille.Web.Features.Accounts;

/// <summary>Identity's messages, in French, as families and agents read them.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur est survenue. Veuillez réessayer.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Le compte a été modifié entre-temps. Veuillez réessayer.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Le mot de passe actuel est incorrect.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Ce lien n'est plus valable : il a déjà servi ou il a expiré. Demandez-en un nouveau.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Cette adresse email est déjà utilisée par un compte du portail.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Cette adresse email est déjà utilisée par un compte du portail.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "L'adresse email n'est pas valide.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "L'adresse email n'est pas valide.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe : connectez-vous ou utilisez « Mot de passe oublié ? ».");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit contenir au moins {length} caractères.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère spécial (par exemple ! ? - _ @).");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une lettre minuscule.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une lettre majuscule.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Le compte a déjà le rôle {role}.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Le compte n'a pas le rôle {role}.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
