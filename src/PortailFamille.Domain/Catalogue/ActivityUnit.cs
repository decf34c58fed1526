namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// An unité: a bookable part of an activity's day (Matin, Repas, Après-midi, Accueil du
/// soir…). Families book units, the service counts places per unit and bills per unit.
/// </summary>
public sealed class ActivityUnit
{
    /// <summary>Longest accepted name: it heads a column of the calendar.</summary>
    public const int MaxNameLength = 50;

    /// <summary>Most places a unit can have; more is taken for a typing slip.</summary>
    public const int MaxCapacity = 10_000;

    private ActivityUnit()
    {
        Name = string.Empty;
    }

    internal ActivityUnit(Guid activityId, string name, TimeOnly start, TimeOnly end, bool isMeal, int capacity, int displayOrder)
    {
        Id = Guid.NewGuid();
        ActivityId = activityId;
        Name = name;
        Start = start;
        End = end;
        IsMeal = isMeal;
        Capacity = capacity;
        DisplayOrder = displayOrder;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The activity of the unit.</summary>
    public Guid ActivityId { get; private set; }

    /// <summary>Nom de l'unité.</summary>
    public string Name { get; private set; }

    /// <summary>Heure de début.</summary>
    public TimeOnly Start { get; private set; }

    /// <summary>Heure de fin, after <see cref="Start"/>.</summary>
    public TimeOnly End { get; private set; }

    /// <summary>Whether the unit is a meal.</summary>
    public bool IsMeal { get; private set; }

    /// <summary>Places on a day without a capacity override.</summary>
    public int Capacity { get; private set; }

    /// <summary>Position of the unit in the activity's lists and calendar rows, from 1.</summary>
    public int DisplayOrder { get; private set; }

    internal void Rename(string name) => Name = name;

    internal void SetHours(TimeOnly start, TimeOnly end)
    {
        Start = start;
        End = end;
    }

    internal void SetCapacity(int capacity) => Capacity = capacity;
}
