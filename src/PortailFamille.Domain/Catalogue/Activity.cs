using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Catalogue;

/// <summary>
/// An activité, such as "CLSH MERCREDI" or "Cantine élémentaire": when it runs (weekdays,
/// school days or holidays), its units with their places, who may come (age limits), how
/// long before a day families must book, how the service decides, and its tariffs.
/// </summary>
public sealed class Activity
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Oldest age limit an activity can set: the portal accepts children up to 17.</summary>
    public const int MaxAgeLimit = 17;

    private readonly List<ActivityUnit> _units = [];
    private readonly List<CapacityOverride> _capacityOverrides = [];
    private readonly List<Tariff> _tariffs = [];

    private Activity()
    {
        Name = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The type d'activité (and through it the équipement).</summary>
    public Guid ActivityTypeId { get; private set; }

    /// <summary>Nom de l'activité.</summary>
    public string Name { get; private set; }

    /// <summary>The weekdays the activity runs, as stored: see <see cref="WeekdayMask"/>.</summary>
    public int DaysOfWeekMask { get; private set; }

    /// <summary>The weekdays the activity runs.</summary>
    public IReadOnlySet<DayOfWeek> Weekdays => WeekdayMask.Days(DaysOfWeekMask).ToHashSet();

    /// <summary>On school days, during school holidays, or always.</summary>
    public SchoolTimeRule SchoolTimeRule { get; private set; }

    /// <summary>Youngest age accepted, in whole years on the first day of a registration.</summary>
    public int? MinAge { get; private set; }

    /// <summary>Oldest age accepted, in whole years on the first day of a registration.</summary>
    public int? MaxAge { get; private set; }

    /// <summary>"N jours ouvrés avant la date souhaitée": the N of the booking deadline.</summary>
    public int DeadlineWorkingDays { get; private set; }

    /// <summary>The time of day after which the last day of the booking deadline is over.</summary>
    public TimeOnly DeadlineCutOff { get; private set; }

    /// <summary>The booking deadline of the activity, for reservations and cancellations.</summary>
    public BookingDeadline Deadline => new(DeadlineWorkingDays, DeadlineCutOff);

    /// <summary>How the service decides on reservation requests.</summary>
    public ValidationMode ValidationMode { get; private set; }

    /// <summary>The units, in display order.</summary>
    public IReadOnlyList<ActivityUnit> Units => _units;

    /// <summary>Places changed by an agent for a unit on a date.</summary>
    public IReadOnlyList<CapacityOverride> CapacityOverrides => _capacityOverrides;

    /// <summary>The tariff grids of the units.</summary>
    public IReadOnlyList<Tariff> Tariffs => _tariffs;

    /// <summary>Majoration added to the price of a présence non prévue; empty for none.</summary>
    public decimal? UnexpectedSurcharge { get; private set; }

    /// <summary>Pénalité added to the price of an absence non justifiée; empty for none.</summary>
    public decimal? AbsencePenalty { get; private set; }

    /// <summary>
    /// Creates an activity with its days and units. It starts with the default booking
    /// deadline (3 working days, 23:59), manual validation, no age limit and no tariff.
    /// </summary>
    public static Outcome<Activity> Create(Guid activityTypeId, string? name, IEnumerable<DayOfWeek> weekdays, SchoolTimeRule schoolTimeRule, IEnumerable<UnitDefinition> units)
    {
        ArgumentNullException.ThrowIfNull(weekdays);
        ArgumentNullException.ThrowIfNull(units);
        var refusals = new List<Refusal>();
        if (activityTypeId == Guid.Empty)
        {
            refusals.Add(new(nameof(ActivityTypeId), "Choisissez le type d'activité."));
        }

        var cleanName = Labels.Normalize(name, MaxNameLength);
        if (cleanName is null)
        {
            refusals.Add(NameRefusal);
        }

        var mask = CheckWeekdays(weekdays, refusals);
        CheckSchoolTimeRule(schoolTimeRule, refusals);

        var definitions = units.ToList();
        if (definitions.Count == 0)
        {
            refusals.Add(new(nameof(Units), "Ajoutez au moins une unité (par exemple Matin, Repas, Après-midi)."));
        }

        var unitNames = new List<string?>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var unitName = CheckUnit(definitions[i], $"{nameof(Units)}[{i}].", refusals);
            if (unitName is not null && unitNames.Contains(unitName, StringComparer.OrdinalIgnoreCase))
            {
                refusals.Add(DuplicateUnitRefusal($"{nameof(Units)}[{i}].{nameof(UnitDefinition.Name)}", unitName));
            }

            unitNames.Add(unitName);
        }

        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        var activity = new Activity
        {
            Id = Guid.NewGuid(),
            ActivityTypeId = activityTypeId,
            Name = cleanName!,
            DaysOfWeekMask = mask,
            SchoolTimeRule = schoolTimeRule,
            DeadlineWorkingDays = BookingDeadline.Default.WorkingDays,
            DeadlineCutOff = BookingDeadline.Default.CutOff,
            // By default agents answer each request themselves (docs/product.md 4.2); automatic decisions are a choice.
            ValidationMode = ValidationMode.Manual,
        };
        for (var i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i];
            activity._units.Add(new ActivityUnit(activity.Id, unitNames[i]!, d.Start, d.End, d.IsMeal, d.Capacity, i + 1));
        }

        return Outcome<Activity>.Success(activity);
    }

    /// <summary>Renames the activity.</summary>
    public Outcome<Activity> Rename(string? name)
    {
        var clean = Labels.Normalize(name, MaxNameLength);
        if (clean is null)
        {
            return Outcome<Activity>.Refused([NameRefusal]);
        }

        Name = clean;
        return Success();
    }

    /// <summary>Changes the weekdays the activity runs; at least one.</summary>
    public Outcome<Activity> SetWeekdays(IEnumerable<DayOfWeek> weekdays)
    {
        ArgumentNullException.ThrowIfNull(weekdays);
        var refusals = new List<Refusal>();
        var mask = CheckWeekdays(weekdays, refusals);
        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        DaysOfWeekMask = mask;
        return Success();
    }

    /// <summary>Changes whether the activity runs on school days, during school holidays or always.</summary>
    public Outcome<Activity> SetSchoolTimeRule(SchoolTimeRule rule)
    {
        var refusals = new List<Refusal>();
        CheckSchoolTimeRule(rule, refusals);
        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        SchoolTimeRule = rule;
        return Success();
    }

    /// <summary>Sets the age limits, in whole years from 0 to 17; either may be left empty.</summary>
    public Outcome<Activity> SetAgeLimits(int? minAge, int? maxAge)
    {
        var refusals = new List<Refusal>();
        if (minAge is < 0 or > MaxAgeLimit)
        {
            refusals.Add(new(nameof(MinAge), $"L'âge minimum doit être compris entre 0 et {MaxAgeLimit} ans."));
        }

        if (maxAge is < 0 or > MaxAgeLimit)
        {
            refusals.Add(new(nameof(MaxAge), $"L'âge maximum doit être compris entre 0 et {MaxAgeLimit} ans."));
        }

        if (refusals.Count == 0 && minAge > maxAge)
        {
            refusals.Add(new(nameof(MaxAge), "L'âge maximum ne peut pas être inférieur à l'âge minimum."));
        }

        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        MinAge = minAge;
        MaxAge = maxAge;
        return Success();
    }

    /// <summary>
    /// Sets the booking deadline, with the rules of <see cref="BookingDeadline.Create"/>; its
    /// refusals are passed on for the fields <c>DeadlineWorkingDays</c> and <c>DeadlineCutOff</c>.
    /// </summary>
    public Outcome<Activity> SetDeadline(int workingDays, TimeOnly cutOff)
    {
        var deadline = BookingDeadline.Create(workingDays, cutOff);
        if (!deadline.Succeeded)
        {
            // Named after the activity's own properties, which the administrator's form edits.
            return Outcome<Activity>.Refused([.. deadline.Refusals.Select(r => r with { Field = "Deadline" + r.Field })]);
        }

        DeadlineWorkingDays = deadline.Value.WorkingDays;
        DeadlineCutOff = deadline.Value.CutOff;
        return Success();
    }

    /// <summary>Chooses automatic or manual decisions on reservation requests.</summary>
    public Outcome<Activity> SetValidationMode(ValidationMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            return Outcome<Activity>.Refused([new(nameof(ValidationMode), "Choisissez le mode de validation : automatique ou manuel.")]);
        }

        ValidationMode = mode;
        return Success();
    }

    /// <summary>
    /// Sets the optional majoration of an unexpected presence and pénalité of an unjustified
    /// absence, each added to the unit's tariff on the invoice: between 0 and 1 000 €, in cents.
    /// </summary>
    public Outcome<Activity> SetBillingOptions(decimal? unexpectedSurcharge, decimal? absencePenalty)
    {
        var refusals = new List<Refusal>();
        CheckExtra(unexpectedSurcharge, nameof(UnexpectedSurcharge), "La majoration", refusals);
        CheckExtra(absencePenalty, nameof(AbsencePenalty), "La pénalité", refusals);
        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        UnexpectedSurcharge = unexpectedSurcharge is 0m ? null : unexpectedSurcharge;
        AbsencePenalty = absencePenalty is 0m ? null : absencePenalty;
        return Success();

        static void CheckExtra(decimal? amount, string field, string what, List<Refusal> refusals)
        {
            if (amount is < 0 or > Tariff.MaxPrice)
            {
                refusals.Add(new(field, $"{what} doit être comprise entre 0 et 1 000 €."));
            }
            else if (amount is { } a && decimal.Round(a, 2) != a)
            {
                refusals.Add(new(field, $"{what} s'écrit avec au plus 2 décimales."));
            }
        }
    }

    /// <summary>Adds a unit after the existing ones.</summary>
    public Outcome<ActivityUnit> AddUnit(UnitDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var refusals = new List<Refusal>();
        var name = CheckUnit(definition, string.Empty, refusals);
        if (name is not null && _units.Any(u => SameName(u.Name, name)))
        {
            refusals.Add(DuplicateUnitRefusal(nameof(UnitDefinition.Name), name));
        }

        if (refusals.Count > 0)
        {
            return Outcome<ActivityUnit>.Refused(refusals);
        }

        var unit = new ActivityUnit(Id, name!, definition.Start, definition.End, definition.IsMeal, definition.Capacity, _units.Max(u => u.DisplayOrder) + 1);
        _units.Add(unit);
        return Outcome<ActivityUnit>.Success(unit);
    }

    /// <summary>Renames a unit; two units of an activity never share a name.</summary>
    public Outcome<ActivityUnit> RenameUnit(Guid unitId, string? name)
    {
        var unit = FindUnit(unitId);
        if (unit is null)
        {
            return Outcome<ActivityUnit>.Refused([UnknownUnitRefusal("UnitId")]);
        }

        var clean = Labels.Normalize(name, ActivityUnit.MaxNameLength);
        if (clean is null)
        {
            return Outcome<ActivityUnit>.Refused([UnitNameRefusal(nameof(ActivityUnit.Name))]);
        }

        if (_units.Any(u => u.Id != unitId && SameName(u.Name, clean)))
        {
            return Outcome<ActivityUnit>.Refused([DuplicateUnitRefusal(nameof(ActivityUnit.Name), clean)]);
        }

        unit.Rename(clean);
        return Outcome<ActivityUnit>.Success(unit);
    }

    /// <summary>Changes the hours of a unit.</summary>
    public Outcome<ActivityUnit> SetUnitHours(Guid unitId, TimeOnly start, TimeOnly end)
    {
        var unit = FindUnit(unitId);
        if (unit is null)
        {
            return Outcome<ActivityUnit>.Refused([UnknownUnitRefusal("UnitId")]);
        }

        if (end <= start)
        {
            return Outcome<ActivityUnit>.Refused([HoursRefusal(nameof(ActivityUnit.End))]);
        }

        unit.SetHours(start, end);
        return Outcome<ActivityUnit>.Success(unit);
    }

    /// <summary>Changes the places of a unit on the days without an override.</summary>
    public Outcome<ActivityUnit> SetUnitCapacity(Guid unitId, int capacity)
    {
        var unit = FindUnit(unitId);
        if (unit is null)
        {
            return Outcome<ActivityUnit>.Refused([UnknownUnitRefusal("UnitId")]);
        }

        if (capacity is < 0 or > ActivityUnit.MaxCapacity)
        {
            return Outcome<ActivityUnit>.Refused([CapacityRefusal(nameof(ActivityUnit.Capacity))]);
        }

        unit.SetCapacity(capacity);
        return Outcome<ActivityUnit>.Success(unit);
    }

    /// <summary>
    /// Sets the places of a unit on one date, or with <paramref name="capacity"/> null goes
    /// back to the unit's usual places. Lowering them does not cancel reservations already
    /// confirmed: it only stops new confirmations.
    /// </summary>
    public Outcome<Activity> SetCapacityOn(Guid unitId, DateOnly date, int? capacity)
    {
        if (FindUnit(unitId) is null)
        {
            return Outcome<Activity>.Refused([UnknownUnitRefusal("UnitId")]);
        }

        if (capacity is < 0 or > ActivityUnit.MaxCapacity)
        {
            return Outcome<Activity>.Refused([CapacityRefusal("Capacity")]);
        }

        _capacityOverrides.RemoveAll(o => o.UnitId == unitId && o.Date == date);
        if (capacity is { } places)
        {
            _capacityOverrides.Add(new CapacityOverride(unitId, date, places));
        }

        return Success();
    }

    /// <summary>The places of a unit on a date: the agent's override if any, else the unit's.</summary>
    /// <exception cref="ArgumentException">The unit is not one of the activity's.</exception>
    public int CapacityOn(Guid unitId, DateOnly date)
    {
        var unit = FindUnit(unitId) ?? throw new ArgumentException($"Unit {unitId} is not a unit of activity {Id}.", nameof(unitId));
        var change = _capacityOverrides.Find(o => o.UnitId == unitId && o.Date == date);
        return change?.Capacity ?? unit.Capacity;
    }

    /// <summary>
    /// Replaces all the tariffs of the activity. For each unit, the brackets of the commune's
    /// grid, and those of the out-of-commune grid if any, must follow one another from 0
    /// with neither gap nor overlap, the last one left open ("à partir de 801"): so every
    /// family, whatever its quotient, has exactly one price. An out-of-commune grid needs a
    /// commune grid for the same unit. A unit may have no tariff at all (not billed yet).
    /// </summary>
    public Outcome<Activity> SetTariffs(IEnumerable<Tariff> tariffs)
    {
        ArgumentNullException.ThrowIfNull(tariffs);
        var list = tariffs.ToList();
        var refusals = new List<Refusal>();
        for (var i = 0; i < list.Count; i++)
        {
            CheckTariff(list[i], $"{nameof(Tariffs)}[{i}].", refusals);
        }

        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        foreach (var unit in _units)
        {
            var commune = list.Where(t => t.UnitId == unit.Id && !t.OutOfCommune).ToList();
            var outOfCommune = list.Where(t => t.UnitId == unit.Id && t.OutOfCommune).ToList();
            CheckGrid(commune, unit.Name, refusals);
            CheckGrid(outOfCommune, $"{unit.Name} (hors commune)", refusals);
            if (commune.Count == 0 && outOfCommune.Count > 0)
            {
                refusals.Add(new(nameof(Tariffs), $"{unit.Name} : saisissez le tarif de la commune avant le tarif hors commune."));
            }
        }

        if (refusals.Count > 0)
        {
            return Outcome<Activity>.Refused(refusals);
        }

        _tariffs.Clear();
        _tariffs.AddRange(list);
        return Success();
    }

    /// <summary>Whether the unit has a tariff, so that <see cref="PriceFor"/> can price it.</summary>
    public bool HasTariff(Guid unitId) => _tariffs.Any(t => t.UnitId == unitId && !t.OutOfCommune);

    /// <summary>
    /// The price of one unit for a family. An out-of-commune family pays the out-of-commune
    /// grid when the unit has one, else the commune's. A family without a known quotient
    /// pays the highest bracket (the one that covers the largest quotients) of its grid: not
    /// knowing the income must never cost less than declaring it.
    /// </summary>
    /// <exception cref="ArgumentException">The unit is not one of the activity's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The quotient is negative.</exception>
    /// <exception cref="InvalidOperationException">The unit has no tariff (see <see cref="HasTariff"/>).</exception>
    public decimal PriceFor(Guid unitId, int? quotient, bool outOfCommune)
    {
        var unit = FindUnit(unitId) ?? throw new ArgumentException($"Unit {unitId} is not a unit of activity {Id}.", nameof(unitId));
        if (quotient < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quotient), quotient, "A quotient is never negative.");
        }

        var grid = _tariffs.Where(t => t.UnitId == unitId && t.OutOfCommune).ToList();
        if (!outOfCommune || grid.Count == 0)
        {
            grid = [.. _tariffs.Where(t => t.UnitId == unitId && !t.OutOfCommune)];
        }

        if (grid.Count == 0)
        {
            throw new InvalidOperationException($"L'unité {unit.Name} de l'activité {Name} n'a pas de tarif.");
        }

        // SetTariffs keeps each grid a partition of 0..∞, so exactly one bracket matches.
        var bracket = quotient is { } q
            ? grid.Single(t => t.Covers(q))
            : grid.MaxBy(t => t.QuotientFrom ?? 0)!;
        return bracket.Price;
    }

    /// <summary>Whether the activity runs on a weekday.</summary>
    public bool RunsOn(DayOfWeek day) => WeekdayMask.Contains(DaysOfWeekMask, day);

    /// <summary>Whether the unit is one of the activity's.</summary>
    public bool HasUnit(Guid unitId) => FindUnit(unitId) is not null;

    /// <summary>
    /// The days of <paramref name="range"/> the activity is open: its weekdays, on school days
    /// or during holidays as it says, minus public holidays and closures.
    /// </summary>
    public IEnumerable<DateOnly> OpenDates(DateRange range, SchoolHolidays holidays, WorkingDayCalendar calendar) =>
        OpeningDays.Within(range, Weekdays, SchoolTimeRule, holidays, calendar);

    /// <summary>Whether the activity is open on a day; see <see cref="OpenDates"/>.</summary>
    public bool IsOpenOn(DateOnly day, SchoolHolidays holidays, WorkingDayCalendar calendar) =>
        OpeningDays.IsOpen(day, new DateRange(day, day), Weekdays, SchoolTimeRule, holidays, calendar);

    private ActivityUnit? FindUnit(Guid unitId) => _units.Find(u => u.Id == unitId);

    private Outcome<Activity> Success() => Outcome<Activity>.Success(this);

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static int CheckWeekdays(IEnumerable<DayOfWeek> weekdays, List<Refusal> refusals)
    {
        var days = weekdays.ToList();
        if (days.Any(d => !Enum.IsDefined(d)))
        {
            refusals.Add(new(nameof(Weekdays), "Choisissez les jours dans la liste du lundi au dimanche."));
            return 0;
        }

        if (days.Count == 0)
        {
            refusals.Add(new(nameof(Weekdays), "Cochez au moins un jour de la semaine où l'activité a lieu."));
        }

        return WeekdayMask.From(days);
    }

    private static void CheckSchoolTimeRule(SchoolTimeRule rule, List<Refusal> refusals)
    {
        if (!Enum.IsDefined(rule))
        {
            refusals.Add(new(nameof(SchoolTimeRule), "Choisissez quand l'activité a lieu : les jours d'école, pendant les vacances scolaires ou toujours."));
        }
    }

    private static string? CheckUnit(UnitDefinition definition, string prefix, List<Refusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = Labels.Normalize(definition.Name, ActivityUnit.MaxNameLength);
        if (name is null)
        {
            refusals.Add(UnitNameRefusal(prefix + nameof(UnitDefinition.Name)));
        }

        if (definition.End <= definition.Start)
        {
            refusals.Add(HoursRefusal(prefix + nameof(UnitDefinition.End)));
        }

        if (definition.Capacity is < 0 or > ActivityUnit.MaxCapacity)
        {
            refusals.Add(CapacityRefusal(prefix + nameof(UnitDefinition.Capacity)));
        }

        return name;
    }

    private void CheckTariff(Tariff tariff, string prefix, List<Refusal> refusals)
    {
        if (tariff is null)
        {
            throw new ArgumentException("A tariff list holds no null.", nameof(tariff));
        }

        if (FindUnit(tariff.UnitId) is null)
        {
            refusals.Add(UnknownUnitRefusal(prefix + nameof(Tariff.UnitId)));
        }

        if (tariff.QuotientFrom < 0)
        {
            refusals.Add(new(prefix + nameof(Tariff.QuotientFrom), "Les quotients d'une tranche sont des nombres positifs ou nuls."));
        }

        if (tariff.QuotientTo < 0)
        {
            refusals.Add(new(prefix + nameof(Tariff.QuotientTo), "Les quotients d'une tranche sont des nombres positifs ou nuls."));
        }
        else if (tariff.QuotientTo < (tariff.QuotientFrom ?? 0))
        {
            refusals.Add(new(prefix + nameof(Tariff.QuotientTo), "La fin de la tranche doit être supérieure ou égale à son début."));
        }

        if (tariff.Price is < 0 or > Tariff.MaxPrice)
        {
            refusals.Add(new(prefix + nameof(Tariff.Price), "Le tarif doit être compris entre 0 et 1 000 €."));
        }
        else if (decimal.Round(tariff.Price, 2) != tariff.Price)
        {
            refusals.Add(new(prefix + nameof(Tariff.Price), "Le tarif s'écrit avec au plus 2 décimales."));
        }
    }

    private static void CheckGrid(List<Tariff> grid, string what, List<Refusal> refusals)
    {
        if (grid.Count == 0)
        {
            return;
        }

        var brackets = grid.OrderBy(t => t.QuotientFrom ?? 0).ThenBy(t => t.QuotientTo ?? int.MaxValue).ToList();
        var first = brackets[0].QuotientFrom ?? 0;
        if (first > 0)
        {
            refusals.Add(GapRefusal(what, 0, first - 1));
        }

        for (var i = 1; i < brackets.Count; i++)
        {
            var previous = brackets[i - 1];
            var next = brackets[i];
            var nextFrom = next.QuotientFrom ?? 0;
            if (previous.QuotientTo is null || nextFrom <= previous.QuotientTo)
            {
                refusals.Add(new(nameof(Tariffs), $"{what} : les tranches {previous.DescribeBracket()} et {next.DescribeBracket()} se chevauchent ; un quotient ne doit relever que d'une tranche."));
            }
            else if (nextFrom > previous.QuotientTo + 1)
            {
                refusals.Add(GapRefusal(what, previous.QuotientTo.Value + 1, nextFrom - 1));
            }
        }

        if (brackets[^1].QuotientTo is { } top)
        {
            refusals.Add(new(nameof(Tariffs), $"{what} : aucune tranche ne couvre les quotients au-delà de {top} ; laissez vide la fin de la dernière tranche."));
        }
    }

    private static Refusal GapRefusal(string what, int from, int to)
    {
        var quotients = from == to ? $"le quotient {from}" : $"les quotients de {from} à {to}";
        return new(nameof(Tariffs), $"{what} : aucune tranche ne couvre {quotients} ; les tranches doivent se suivre sans trou.");
    }

    private Refusal UnknownUnitRefusal(string field) => new(field, $"Cette unité n'appartient pas à l'activité {Name}.");

    private static Refusal NameRefusal => new(nameof(Name), $"Saisissez le nom de l'activité ({MaxNameLength} caractères au plus).");

    private static Refusal UnitNameRefusal(string field) => new(field, $"Saisissez le nom de l'unité ({ActivityUnit.MaxNameLength} caractères au plus).");

    private static Refusal DuplicateUnitRefusal(string field, string name) => new(field, $"L'activité a déjà une unité « {name} » : donnez un autre nom.");

    private static Refusal HoursRefusal(string field) => new(field, "L'heure de fin de l'unité doit être après son heure de début.");

    private static Refusal CapacityRefusal(string field) => new(field, "Le nombre de places doit être compris entre 0 et 10 000.");
}
