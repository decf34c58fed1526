using Microsoft.AspNetCore.Mvc.ModelBinding;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.FamilySpace;

/// <summary>
/// Applies the family file's forms to a loaded family, for the family's own pages and the back
/// office's alike: the domain checks, the refusals put on the form's fields, the history entry.
/// The caller saves; when a form is refused it does not, and nothing changes.
/// </summary>
public static class FamilyEditing
{
    /// <summary>Adds a child (when <paramref name="child"/> is null) or corrects one; null when refused.</summary>
    public static Child? SaveChild(Family family, Child? child, ChildInput input, DateOnly today, ModelStateDictionary modelState, AuditTrail audit)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(audit);
        var birthDate = ParisClock.ParseDate(input.BirthDate);
        var unreadableDate = !string.IsNullOrWhiteSpace(input.BirthDate) && birthDate is null;
        if (unreadableDate)
        {
            modelState.AddModelError("Input.BirthDate", ParisClock.DateMessage(input.BirthDate, "Saisissez la date de naissance au format jj/mm/aaaa, par exemple 05/09/2019."));
        }

        var persons = new List<AuthorisedPerson>();
        for (var i = 0; i < input.Persons.Count; i++)
        {
            var row = input.Persons[i];
            if (row.IsBlank)
            {
                continue;
            }

            var person = AuthorisedPerson.Create(row.Name, row.Phone, row.Relationship, row.MayPickUp, row.EmergencyContact);
            AddRefusals(modelState, person.Refusals, $"Input.Persons[{i}].");
            if (person.Succeeded)
            {
                persons.Add(person.Value);
            }
        }

        var before = child is null ? null : ChildInput.From(child);
        var identity = child is null
            ? family.AddChild(input.FirstName, input.LastName, birthDate, input.Sex, today)
            : family.UpdateChild(child.Id, input.FirstName, input.LastName, birthDate, input.Sex, today);
        AddRefusals(modelState, unreadableDate ? identity.Refusals.Where(r => r.Field != "BirthDate") : identity.Refusals, "Input.");
        if (identity.Succeeded)
        {
            AddRefusals(modelState, identity.Value.UpdateCare(input.School, input.ClassName, input.Diet, input.HealthNote, persons).Refusals, "Input.");
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        var saved = identity.Value;
        var name = $"{saved.FirstName} {saved.LastName.ToUpperInvariant()}";
        if (before is null)
        {
            audit.Record("Famille", family.Id, $"Enfant ajouté : {name}, né(e) le {ParisClock.FormatDate(saved.BirthDate)}.");
        }
        else if (ChildInput.From(saved).Compare(before) is { IsEmpty: false } changes)
        {
            audit.Record("Famille", family.Id, $"Informations de {name} modifiées : {changes}.");
        }

        return saved;
    }

    /// <summary>Replaces the coordonnées; false when refused.</summary>
    public static bool SaveContact(Family family, ContactInput input, ModelStateDictionary modelState, AuditTrail audit)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(audit);
        var outcome = ContactDetails.Create(input.ToDomain());
        AddRefusals(modelState, outcome.Refusals, "Input.");
        if (!modelState.IsValid)
        {
            return false;
        }

        var before = ContactInput.From(family.Contact);
        family.UpdateContactDetails(outcome.Value);
        if (ContactInput.From(outcome.Value).Compare(before) is { IsEmpty: false } changes)
        {
            audit.Record("Famille", family.Id, $"Coordonnées modifiées : {changes}.");
        }

        return true;
    }

    public static void AddRefusals(ModelStateDictionary modelState, IEnumerable<Refusal> refusals, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(refusals);
        foreach (var refusal in refusals)
        {
            modelState.AddModelError(string.IsNullOrEmpty(refusal.Field) ? string.Empty : prefix + refusal.Field, refusal.Message);
        }
    }
}
