using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Billing;
using PortailFamille.Domain.Common;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;
using PortailFamille.Web.Features.Billing;
using PortailFamille.Web.Infrastructure.Auditing;
using PortailFamille.Web.Infrastructure.Time;

namespace PortailFamille.Web.Features.Gestion.Attendance;

/// <summary>
/// Saves the marks of the pointage (docs/product.md 4.6). Each change runs in a transaction
/// that first locks the family (<see cref="BillingLocks.LockFamiliesAsync"/>), so that an
/// invoicing batch and an agent never cross: either the mark is changed before the invoice
/// reads it, or the invoice is there and the change is refused. Only then are the invoice and
/// the current mark read, and the entry written with its line in the family's history.
/// </summary>
public sealed class AttendanceRecorder(AppDbContext db, AuditTrail audit, ParisClock clock)
{
    /// <summary>The words of the history for a child not marked yet.</summary>
    public const string NotMarked = "Non pointé";

    public const string FutureDay = "On ne pointe pas un jour à venir.";

    /// <summary>The field of the refusals about the reason of a justified absence.</summary>
    public const string ReasonField = nameof(AttendanceEntry.Reason);

    /// <summary>What was done, in a sentence the page shows.</summary>
    public sealed record Done(string Message);

    /// <summary>The outcome of "Tous présents".</summary>
    public sealed record AllDone(int Marked, int Invoiced);

    /// <summary>Why a day cannot be marked at all, or null when it can.</summary>
    public string? DayRefusal(DateOnly date) => date > clock.Today ? FutureDay : null;

    /// <summary>"Facturé : …", the refusal of a change on a day already invoiced.</summary>
    public static string InvoicedRefusal(string childName, DateOnly date) =>
        $"Facturé : le pointage de {childName} du {ParisClock.FormatDate(date)} figure sur une facture et ne peut plus être modifié. Une correction passe par un avoir.";

    /// <summary>Whether an invoice took the day into account; read after the family's lock, so it stands until the caller commits.</summary>
    private Task<bool> IsBilledAsync(Guid childId, Guid unitId, DateOnly date, CancellationToken cancellationToken) =>
        db.BilledDays.AnyAsync(b => b.UnitId == unitId && b.Date == date && b.ChildId == childId, cancellationToken);

    /// <summary>
    /// Sets a child's mark on the sheet's day. A child without a place that day can only be
    /// marked present ("présence non prévue"), and only when the family's file is active.
    /// Two agents marking the same child at once both succeed, the last one's mark staying.
    /// </summary>
    public async Task<Outcome<Done>> MarkAsync(SheetDay day, Guid childId, AttendanceMark mark, string? reasonText, string agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (DayRefusal(day.Date) is { } refusal)
        {
            return Refused(refusal);
        }

        if (!Enum.IsDefined(mark))
        {
            return Refused("Choisissez Présent, Absent justifié ou Absent non justifié.");
        }

        var child = await db.Children.AsNoTracking()
            .Where(c => c.Id == childId)
            .Join(db.Families, c => c.FamilyId, f => f.Id, (c, f) => new { c.Id, c.FamilyId, c.FirstName, c.LastName, f.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (child is null)
        {
            return Refused("Cet enfant n'existe pas : rechargez la feuille.");
        }

        var name = AttendanceSheet.NameOf(child.FirstName, child.LastName);
        var reason = Text.CleanInput(reasonText, multiline: false)?.Trim();
        if (mark == AttendanceMark.AbsentJustified)
        {
            if (string.IsNullOrEmpty(reason))
            {
                return Refused($"Indiquez le motif de l'absence justifiée de {name} (par exemple : certificat médical).", ReasonField);
            }

            if (reason.Length > AttendanceMarks.MaxReasonLength)
            {
                return Refused($"Le motif de l'absence de {name} ne doit pas dépasser {AttendanceMarks.MaxReasonLength} caractères.", ReasonField);
            }
        }
        else
        {
            reason = null;
        }

        // A unique violation means another agent created the entry at the same instant: the
        // second attempt reads it and updates it, as if that agent's mark had come first.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await MarkOnceAsync(day, child.Id, child.FamilyId, child.Status, name, mark, reason, agent, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt == 0 && UniqueViolation.Is(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome<Done>> MarkOnceAsync(
        SheetDay day, Guid childId, Guid familyId, FamilyStatus familyStatus, string name, AttendanceMark mark, string? reason, string agent, CancellationToken cancellationToken)
    {
        var (unitId, date) = (day.Unit.Id, day.Date);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BillingLocks.LockFamiliesAsync(db, [familyId], cancellationToken);
        var reservation = await db.Reservations.AsNoTracking()
            .Where(r => r.ChildId == childId && r.UnitId == unitId && r.Date == date)
            .Select(r => new { r.State })
            .FirstOrDefaultAsync(cancellationToken);
        var entry = await db.Attendance.FirstOrDefaultAsync(e => e.ChildId == childId && e.UnitId == unitId && e.Date == date, cancellationToken);
        if (await IsBilledAsync(childId, unitId, date, cancellationToken))
        {
            return Refused(InvoicedRefusal(name, date));
        }

        var expected = reservation is not null && AttendanceSheet.HoldingStates.Contains(reservation.State);
        if (!expected && mark != AttendanceMark.Present)
        {
            return Refused($"{name} n'a pas de réservation ce jour-là : un enfant venu sans réservation est pointé présent (présence non prévue).");
        }

        if (!expected && entry is null && familyStatus != FamilyStatus.Active)
        {
            return Refused($"Le dossier de la famille de {name} n'est pas actif : l'enfant ne peut pas être ajouté à la feuille.");
        }

        var from = entry is null ? NotMarked : Words(entry.Mark, entry.Reason);
        var to = Words(mark, reason);
        if (entry is not null && entry.Mark == mark && entry.Reason == reason)
        {
            return Outcome<Done>.Success(new Done($"{name} est déjà pointé « {to} »."));
        }

        if (entry is null)
        {
            entry = new AttendanceEntry
            {
                Id = Guid.NewGuid(),
                ActivityId = day.Activity.Id,
                UnitId = unitId,
                Date = date,
                ChildId = childId,
                FamilyId = familyId,
            };
            db.Attendance.Add(entry);
        }

        entry.Mark = mark;
        entry.Reason = reason;
        entry.MarkedBy = agent;
        entry.MarkedAt = clock.UtcNow;
        var unexpected = expected ? "" : " (présence non prévue)";
        audit.Record("Famille", familyId, $"{Title(day)} : {name}, {from} → {to}{unexpected}.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Done>.Success(new Done($"{name} : {to}{unexpected}."));
    }

    /// <summary>
    /// "Tous présents": every expected child not marked yet is marked present, in one
    /// transaction that locks their families; the children whose day is invoiced are left.
    /// </summary>
    public async Task<Outcome<AllDone>> MarkAllPresentAsync(SheetDay day, string agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (DayRefusal(day.Date) is { } refusal)
        {
            return Outcome<AllDone>.Refused([new Refusal("", refusal)]);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Outcome<AllDone>.Success(await MarkAllPresentOnceAsync(day, agent, cancellationToken));
            }
            catch (DbUpdateException exception) when (attempt == 0 && UniqueViolation.Is(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<AllDone> MarkAllPresentOnceAsync(SheetDay day, string agent, CancellationToken cancellationToken)
    {
        var (activityId, unitId, date) = (day.Activity.Id, day.Unit.Id, day.Date);
        var holding = AttendanceSheet.HoldingStates.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var families = await db.Reservations.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.UnitId == unitId && r.Date == date && holding.Contains(r.State))
            .Select(r => r.FamilyId)
            .Distinct()
            .ToListAsync(cancellationToken);
        await BillingLocks.LockFamiliesAsync(db, families, cancellationToken);
        // Read again after the lock: only the families locked are marked, as they stand now.
        var unmarked = await (
                from r in db.Reservations
                where r.ActivityId == activityId && r.UnitId == unitId && r.Date == date && holding.Contains(r.State)
                    && families.Contains(r.FamilyId)
                    && !db.Attendance.Any(e => e.ChildId == r.ChildId && e.UnitId == r.UnitId && e.Date == r.Date)
                join c in db.Children on r.ChildId equals c.Id
                select new { r.ChildId, r.FamilyId, c.FirstName, c.LastName, Billed = db.BilledDays.Any(b => b.UnitId == r.UnitId && b.Date == r.Date && b.ChildId == r.ChildId) })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var marked = 0;
        foreach (var child in unmarked.Where(c => !c.Billed))
        {
            db.Attendance.Add(new AttendanceEntry
            {
                Id = Guid.NewGuid(),
                ActivityId = activityId,
                UnitId = unitId,
                Date = date,
                ChildId = child.ChildId,
                FamilyId = child.FamilyId,
                Mark = AttendanceMark.Present,
                MarkedBy = agent,
                MarkedAt = now,
            });
            audit.Record("Famille", child.FamilyId, $"{Title(day)} : {AttendanceSheet.NameOf(child.FirstName, child.LastName)}, {NotMarked} → {AttendanceMarks.Label(AttendanceMark.Present)} (tous présents).");
            marked++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AllDone(marked, unmarked.Count - marked);
    }

    /// <summary>
    /// Takes a child added by mistake off the sheet: only a child without a place that day
    /// (a présence non prévue), and only while the day is not invoiced.
    /// </summary>
    public async Task<Outcome<Done>> RemoveUnexpectedAsync(SheetDay day, Guid childId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (DayRefusal(day.Date) is { } refusal)
        {
            return Refused(refusal);
        }

        var (unitId, date) = (day.Unit.Id, day.Date);
        var child = await db.Children.AsNoTracking().Where(c => c.Id == childId).Select(c => new { c.FamilyId, c.FirstName, c.LastName }).FirstOrDefaultAsync(cancellationToken);
        if (child is null)
        {
            return Refused("Cet enfant n'existe pas : rechargez la feuille.");
        }

        var name = AttendanceSheet.NameOf(child.FirstName, child.LastName);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BillingLocks.LockFamiliesAsync(db, [child.FamilyId], cancellationToken);
        var reservation = await db.Reservations.AsNoTracking()
            .Where(r => r.ChildId == childId && r.UnitId == unitId && r.Date == date)
            .Select(r => new { r.State })
            .FirstOrDefaultAsync(cancellationToken);
        var entry = await db.Attendance.FirstOrDefaultAsync(e => e.ChildId == childId && e.UnitId == unitId && e.Date == date, cancellationToken);
        if (entry is null)
        {
            return Outcome<Done>.Success(new Done($"{name} n'est plus sur la feuille."));
        }

        if (await IsBilledAsync(childId, unitId, date, cancellationToken))
        {
            return Refused(InvoicedRefusal(name, date));
        }

        if (reservation is not null && AttendanceSheet.HoldingStates.Contains(reservation.State))
        {
            return Refused($"{name} a une réservation ce jour-là : pointez-le absent plutôt que de le retirer.");
        }

        db.Attendance.Remove(entry);
        audit.Record("Famille", child.FamilyId, $"{Title(day)} : {name}, {Words(entry.Mark, entry.Reason)} → retiré de la feuille (ajouté par erreur).");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Done>.Success(new Done($"{name} est retiré de la feuille."));
    }

    /// <summary>"Pointage du 03/11/2026, Cantine / Repas".</summary>
    public static string Title(SheetDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return $"Pointage du {ParisClock.FormatDate(day.Date)}, {day.Label}";
    }

    /// <summary>"Présent", "Absent justifié (certificat médical)".</summary>
    public static string Words(AttendanceMark mark, string? reason) =>
        reason is { Length: > 0 } ? $"{AttendanceMarks.Label(mark)} ({reason})" : AttendanceMarks.Label(mark);

    private static Outcome<Done> Refused(string message, string field = "") => Outcome<Done>.Refused([new Refusal(field, message)]);
}
