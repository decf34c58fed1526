namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// What an administrator types for a new unit of an activity; <see cref="Activity.Create"/>
/// and <see cref="Activity.AddUnit"/> check it.
/// </summary>
/// <param name="Name">"Matin", "Repas", "Après-midi", "Accueil du soir"…</param>
/// <param name="Start">When the unit starts.</param>
/// <param name="End">When the unit ends, after <paramref name="Start"/>.</param>
/// <param name="IsMeal">Whether the unit is a meal (the kitchen counts them, diets apply).</param>
/// <param name="Capacity">Places on an ordinary day.</param>
public sealed record UnitDefinition(string? Name, TimeOnly Start, TimeOnly End, bool IsMeal, int Capacity);
