using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Calendar;
using PortailFamille.Domain.Catalogue;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Reservations;
using PortailFamille.Web.Infrastructure;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Catalogue;

public sealed class GeneralInput
{
    public string? Name { get; set; }

    public List<DayOfWeek> Weekdays { get; set; } = [];

    public SchoolTimeRule? SchoolTimeRule { get; set; }

    public string? MinAge { get; set; }

    public string? MaxAge { get; set; }

    public string? DeadlineWorkingDays { get; set; }

    public string? DeadlineCutOff { get; set; }

    public ValidationMode? ValidationMode { get; set; }

    public static GeneralInput From(Activity activity) => new()
    {
        Name = activity.Name,
        Weekdays = [.. WeekdayMask.Days(activity.DaysOfWeekMask)],
        SchoolTimeRule = activity.SchoolTimeRule,
        MinAge = activity.MinAge?.ToString(CultureInfo.InvariantCulture),
        MaxAge = activity.MaxAge?.ToString(CultureInfo.InvariantCulture),
        DeadlineWorkingDays = activity.DeadlineWorkingDays.ToString(CultureInfo.InvariantCulture),
        DeadlineCutOff = CatalogueText.Time(activity.DeadlineCutOff),
        ValidationMode = activity.ValidationMode,
    };
}

public sealed class OverrideInput
{
    public Guid? UnitId { get; set; }

    public string? Date { get; set; }

    public string? Places { get; set; }
}

public sealed class TariffRowInput
{
    public Guid UnitId { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Price { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && string.IsNullOrWhiteSpace(Price);
}

/// <summary>The activity's majoration and pénalité as typed, each empty for none.</summary>
public sealed class BillingOptionsInput
{
    public string? UnexpectedSurcharge { get; set; }

    public string? AbsencePenalty { get; set; }

    public static BillingOptionsInput From(Activity activity) => new()
    {
        UnexpectedSurcharge = activity.UnexpectedSurcharge is { } s ? FrenchNumbers.EditableAmount(s) : null,
        AbsencePenalty = activity.AbsencePenalty is { } p ? FrenchNumbers.EditableAmount(p) : null,
    };
}

public sealed class OutOfCommuneInput
{
    public Guid UnitId { get; set; }

    public string? Price { get; set; }
}

/// <summary>
/// An administrator edits an activity: name, days, ages, deadline, validation mode; its units
/// and their places, places on a date; its tariff grid by quotient; the majoration and pénalité
/// added to the tariff on the invoice.
/// </summary>
public sealed class EditActivityModel(AppDbContext db, AuditTrail audit, ServiceDecisions decisions) : PageModel
{
    /// <summary>Blank brackets offered under each unit's grid.</summary>
    public const int BlankTariffRows = 2;

    public Activity Activity { get; private set; } = null!;

    public string TypeLabel { get; private set; } = string.Empty;

    public IReadOnlyList<Period> Periods { get; private set; } = [];

    [BindProperty]
    public GeneralInput General { get; set; } = new();

    [BindProperty]
    public List<UnitInput> Units { get; set; } = [];

    [BindProperty]
    public UnitInput NewUnit { get; set; } = new();

    [BindProperty]
    public OverrideInput Override { get; set; } = new();

    [BindProperty]
    public List<TariffRowInput> Tariffs { get; set; } = [];

    [BindProperty]
    public List<OutOfCommuneInput> OutOfCommune { get; set; } = [];

    [BindProperty]
    public BillingOptionsInput BillingOptions { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id, posted: null) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGeneralAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(General)))
        {
            return NotFound();
        }

        var input = General;
        var minAge = CatalogueText.ParseInt(input.MinAge, out var minReadable);
        var maxAge = CatalogueText.ParseInt(input.MaxAge, out var maxReadable);
        var days = CatalogueText.ParseInt(input.DeadlineWorkingDays, out _);
        var cutOff = CatalogueText.ParseTime(input.DeadlineCutOff);
        if (!minReadable)
        {
            ModelState.AddModelError("General.MinAge", "L'âge minimum s'écrit en années, un nombre entier.");
        }

        if (!maxReadable)
        {
            ModelState.AddModelError("General.MaxAge", "L'âge maximum s'écrit en années, un nombre entier.");
        }

        if (days is null)
        {
            ModelState.AddModelError("General.DeadlineWorkingDays", "Saisissez le délai en jours ouvrés, un nombre entier.");
        }

        if (cutOff is null)
        {
            ModelState.AddModelError("General.DeadlineCutOff", "Saisissez l'heure limite au format HH:mm, par exemple 23:59.");
        }

        var a = Activity;
        CatalogueText.AddRefusals(ModelState, a.Rename(input.Name).Refusals, "General.");
        CatalogueText.AddRefusals(ModelState, a.SetWeekdays(input.Weekdays).Refusals, "General.");
        CatalogueText.AddRefusals(ModelState, a.SetSchoolTimeRule(input.SchoolTimeRule ?? (SchoolTimeRule)(-1)).Refusals, "General.");
        CatalogueText.AddRefusals(ModelState, a.SetValidationMode(input.ValidationMode ?? (ValidationMode)(-1)).Refusals, "General.");
        if (minReadable && maxReadable)
        {
            CatalogueText.AddRefusals(ModelState, a.SetAgeLimits(minAge, maxAge).Refusals, "General.");
        }

        if (days is not null && cutOff is not null)
        {
            CatalogueText.AddRefusals(ModelState, a.SetDeadline(days.Value, cutOff.Value).Refusals, "General.");
        }

        if (!ModelState.IsValid)
        {
            // Nothing is saved: the tracked activity may hold part of the changes.
            return Page();
        }

        audit.Record("Catalogue", a.Id, $"Activité {a.Name} modifiée : {CatalogueText.Weekdays(a.DaysOfWeekMask)}, {CatalogueText.SchoolRule(a.SchoolTimeRule)}, {CatalogueText.Ages(a.MinAge, a.MaxAge)}, délai {CatalogueText.Deadline(a.DeadlineWorkingDays, a.DeadlineCutOff)}, validation {CatalogueText.Validation(a.ValidationMode).ToLowerInvariant()}.");
        return await SavedAsync($"L'activité {a.Name} est enregistrée.");
    }

    public async Task<IActionResult> OnPostUnitsAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(Units)))
        {
            return NotFound();
        }

        var changes = new List<string>();
        var raised = new List<Guid>();
        for (var i = 0; i < Units.Count; i++)
        {
            var input = Units[i];
            var prefix = $"Units[{i}].";
            var unit = Activity.Units.FirstOrDefault(u => u.Id == input.Id);
            if (unit is null)
            {
                ModelState.AddModelError(prefix + "Name", "Cette unité n'existe plus : rechargez la page.");
                continue;
            }

            if (input.TryRead(ModelState, prefix) is not { } read)
            {
                continue;
            }

            var before = $"{unit.Name} {CatalogueText.Time(unit.Start)}–{CatalogueText.Time(unit.End)} {unit.Capacity} places";
            var placesBefore = unit.Capacity;
            CatalogueText.AddRefusals(ModelState, Activity.RenameUnit(unit.Id, input.Name).Refusals, prefix, f => f == "UnitId" ? "Name" : f);
            CatalogueText.AddRefusals(ModelState, Activity.SetUnitHours(unit.Id, read.Start, read.End).Refusals, prefix, f => f == "UnitId" ? "Name" : f);
            CatalogueText.AddRefusals(ModelState, Activity.SetUnitCapacity(unit.Id, read.Capacity).Refusals, prefix, f => f == "UnitId" ? "Name" : f);
            var after = $"{unit.Name} {CatalogueText.Time(unit.Start)}–{CatalogueText.Time(unit.End)} {unit.Capacity} places";
            if (after != before)
            {
                changes.Add($"{before} → {after}");
            }

            if (unit.Capacity > placesBefore)
            {
                raised.Add(unit.Id);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (changes.Count > 0)
        {
            audit.Record("Catalogue", Activity.Id, $"Unités de l'activité {Activity.Name} modifiées : {string.Join(" ; ", changes)}.");
        }

        var saved = await SavedAsync($"Les unités de l'activité {Activity.Name} sont enregistrées.");
        await GiveNewPlacesAsync(raised, date: null);
        return saved;
    }

    public async Task<IActionResult> OnPostAddUnitAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(NewUnit)))
        {
            return NotFound();
        }

        if (NewUnit.TryRead(ModelState, "NewUnit.") is not { } read)
        {
            return Page();
        }

        var outcome = Activity.AddUnit(new UnitDefinition(NewUnit.Name, read.Start, read.End, NewUnit.IsMeal, read.Capacity));
        CatalogueText.AddRefusals(ModelState, outcome.Refusals, "NewUnit.");
        if (!outcome.Succeeded)
        {
            return Page();
        }

        var unit = outcome.Value;
        audit.Record("Catalogue", Activity.Id, $"Unité ajoutée à l'activité {Activity.Name} : {unit.Name} {CatalogueText.Time(unit.Start)}–{CatalogueText.Time(unit.End)}{(unit.IsMeal ? ", repas" : "")}, {unit.Capacity} places.");
        return await SavedAsync($"L'unité {unit.Name} est ajoutée.");
    }

    public async Task<IActionResult> OnPostOverrideAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(Override)))
        {
            return NotFound();
        }

        var date = ParisClock.ParseDate(Override.Date);
        var places = CatalogueText.ParseInt(Override.Places, out var readable);
        if (date is null)
        {
            ModelState.AddModelError("Override.Date", ParisClock.DateMessage(Override.Date, "Saisissez la date au format jj/mm/aaaa."));
        }

        if (!readable)
        {
            ModelState.AddModelError("Override.Places", "Saisissez le nombre de places, un nombre entier, ou laissez vide pour revenir aux places habituelles.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = Activity.SetCapacityOn(Override.UnitId ?? Guid.Empty, date!.Value, places);
        CatalogueText.AddRefusals(ModelState, outcome.Refusals, "Override.", f => f == "Capacity" ? "Places" : f);
        if (!outcome.Succeeded)
        {
            return Page();
        }

        var unit = Activity.Units.Single(u => u.Id == Override.UnitId);
        var when = ParisClock.FormatDate(date.Value);
        audit.Record("Catalogue", Activity.Id, places is { } p
            ? $"Places de {Activity.Name} / {unit.Name} le {when} : {p}."
            : $"Places de {Activity.Name} / {unit.Name} le {when} : retour aux {unit.Capacity} places habituelles.");
        var saved = await SavedAsync(places is null ? $"Le {when}, {unit.Name} revient à ses places habituelles." : $"Le {when}, {unit.Name} a {places} places.");
        await GiveNewPlacesAsync([unit.Id], date);
        return saved;
    }

    public async Task<IActionResult> OnPostTariffsAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(Tariffs)))
        {
            return NotFound();
        }

        // Each tariff given to the domain remembers the form field it came from.
        var tariffs = new List<Tariff>();
        var origins = new List<string>();
        for (var k = 0; k < Tariffs.Count; k++)
        {
            var row = Tariffs[k];
            if (row.IsBlank)
            {
                continue;
            }

            var prefix = $"Tariffs[{k}].";
            var from = CatalogueText.ParseInt(row.From, out var fromReadable);
            var to = CatalogueText.ParseInt(row.To, out var toReadable);
            if (!fromReadable)
            {
                ModelState.AddModelError(prefix + "From", "Le quotient de début s'écrit en nombre entier.");
            }

            if (!toReadable)
            {
                ModelState.AddModelError(prefix + "To", "Le quotient de fin s'écrit en nombre entier, ou reste vide pour la dernière tranche.");
            }

            if (!FrenchNumbers.TryParseDecimal(row.Price, out var price))
            {
                ModelState.AddModelError(prefix + "Price", "Saisissez le tarif en euros, par exemple 3,50.");
                continue;
            }

            if (fromReadable && toReadable)
            {
                tariffs.Add(new Tariff(row.UnitId, from, to, price, OutOfCommune: false));
                origins.Add(prefix);
            }
        }

        for (var j = 0; j < OutOfCommune.Count; j++)
        {
            var row = OutOfCommune[j];
            if (string.IsNullOrWhiteSpace(row.Price))
            {
                continue;
            }

            var prefix = $"OutOfCommune[{j}].";
            if (!FrenchNumbers.TryParseDecimal(row.Price, out var price))
            {
                ModelState.AddModelError(prefix + "Price", "Saisissez le tarif hors commune en euros, par exemple 5,00.");
                continue;
            }

            tariffs.Add(new Tariff(row.UnitId, null, null, price, OutOfCommune: true));
            origins.Add(prefix);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = Activity.SetTariffs(tariffs);
        foreach (var refusal in outcome.Refusals)
        {
            var key = refusal.Field;
            if (key.StartsWith("Tariffs[", StringComparison.Ordinal))
            {
                var close = key.IndexOf(']', StringComparison.Ordinal);
                var index = int.Parse(key[8..close], CultureInfo.InvariantCulture);
                var field = key[(close + 2)..] switch
                {
                    "QuotientFrom" => "From",
                    "QuotientTo" => "To",
                    "UnitId" => "Price",
                    var other => other,
                };
                key = origins[index].StartsWith("OutOfCommune", StringComparison.Ordinal) ? origins[index] + "Price" : origins[index] + field;
            }

            ModelState.AddModelError(key, refusal.Message);
        }

        if (!outcome.Succeeded)
        {
            return Page();
        }

        var unitNames = Activity.Units.ToDictionary(u => u.Id, u => u.Name);
        var description = string.Join(" ; ", Activity.Tariffs
            .GroupBy(t => t.UnitId)
            .Select(g => $"{unitNames[g.Key]} : " + string.Join(", ", g.Select(t => $"{(t.OutOfCommune ? "hors commune" : t.DescribeBracket())} {FrenchNumbers.Euros(t.Price)}"))));
        audit.Record("Catalogue", Activity.Id, $"Tarifs de l'activité {Activity.Name} enregistrés : {(description.Length == 0 ? "aucun" : description)}.");
        return await SavedAsync($"Les tarifs de l'activité {Activity.Name} sont enregistrés.");
    }

    public async Task<IActionResult> OnPostBillingOptionsAsync(Guid id)
    {
        if (!await LoadAsync(id, nameof(BillingOptions)))
        {
            return NotFound();
        }

        // An empty field means none; anything else must read as an amount.
        var surcharge = ReadOptionalAmount(BillingOptions.UnexpectedSurcharge, "BillingOptions.UnexpectedSurcharge", "Saisissez la majoration en euros, par exemple 1,00, ou laissez vide.");
        var penalty = ReadOptionalAmount(BillingOptions.AbsencePenalty, "BillingOptions.AbsencePenalty", "Saisissez la pénalité en euros, par exemple 2,00, ou laissez vide.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = Activity.SetBillingOptions(surcharge, penalty);
        CatalogueText.AddRefusals(ModelState, outcome.Refusals, "BillingOptions.");
        if (!outcome.Succeeded)
        {
            return Page();
        }

        var a = Activity;
        audit.Record("Catalogue", a.Id, $"Majoration et pénalité de l'activité {a.Name} enregistrées : majoration d'une présence non prévue {Extra(a.UnexpectedSurcharge)}, pénalité d'une absence non justifiée {Extra(a.AbsencePenalty)}.");
        return await SavedAsync($"La majoration et la pénalité de l'activité {a.Name} sont enregistrées.");

        static string Extra(decimal? amount) => amount is { } v ? FrenchNumbers.Euros(v) + " par unité" : "aucune";
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    // New places go to the waiting list at once in automatic mode (docs/product.md 4.2); the families
    // are told with the next transfer's notice.
    private async Task GiveNewPlacesAsync(IEnumerable<Guid> unitIds, DateOnly? date)
    {
        var by = User.Identity?.Name ?? "gestion";
        foreach (var unitId in unitIds)
        {
            await decisions.PromoteAfterCapacityChangeAsync(Activity, unitId, date, by, HttpContext.RequestAborted);
        }
    }

    private decimal? ReadOptionalAmount(string? text, string key, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!FrenchNumbers.TryParseDecimal(text, out var amount))
        {
            ModelState.AddModelError(key, message);
            return null;
        }

        return amount;
    }

    private async Task<IActionResult> SavedAsync(string message)
    {
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = message;
        return Redirect($"/gestion/catalogue/activites/{Activity.Id}");
    }

    /// <summary>Loads the activity, and fills every form but the one posted from what is saved.</summary>
    private async Task<bool> LoadAsync(Guid id, string? posted)
    {
        var ct = HttpContext.RequestAborted;
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
        {
            return false;
        }

        Activity = activity;
        var type = await db.ActivityTypes.AsNoTracking().SingleAsync(t => t.Id == activity.ActivityTypeId, ct);
        var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == type.FacilityId, ct);
        TypeLabel = $"{facility.Name} — {type.Name}";
        Periods = await db.Periods.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.Start).ToListAsync(ct);
        var units = activity.Units.OrderBy(u => u.DisplayOrder).ToList();
        if (posted != nameof(General))
        {
            General = GeneralInput.From(activity);
        }

        if (posted != nameof(Units))
        {
            Units = [.. units.Select(UnitInput.From)];
        }

        if (posted != nameof(NewUnit))
        {
            NewUnit = new UnitInput();
        }

        if (posted != nameof(Override))
        {
            Override = new OverrideInput { UnitId = units.FirstOrDefault()?.Id };
        }

        if (posted != nameof(BillingOptions))
        {
            BillingOptions = BillingOptionsInput.From(activity);
        }

        if (posted != nameof(Tariffs))
        {
            Tariffs = [];
            OutOfCommune = [];
            foreach (var unit in units)
            {
                foreach (var t in activity.Tariffs.Where(t => t.UnitId == unit.Id && !t.OutOfCommune).OrderBy(t => t.QuotientFrom ?? 0))
                {
                    Tariffs.Add(new TariffRowInput
                    {
                        UnitId = unit.Id,
                        From = (t.QuotientFrom ?? 0).ToString(CultureInfo.InvariantCulture),
                        To = t.QuotientTo?.ToString(CultureInfo.InvariantCulture),
                        Price = FrenchNumbers.EditableAmount(t.Price),
                    });
                }

                for (var i = 0; i < BlankTariffRows; i++)
                {
                    Tariffs.Add(new TariffRowInput { UnitId = unit.Id });
                }

                var outside = activity.Tariffs.FirstOrDefault(t => t.UnitId == unit.Id && t.OutOfCommune);
                OutOfCommune.Add(new OutOfCommuneInput { UnitId = unit.Id, Price = outside is null ? null : FrenchNumbers.EditableAmount(outside.Price) });
            }
        }

        return true;
    }
}
