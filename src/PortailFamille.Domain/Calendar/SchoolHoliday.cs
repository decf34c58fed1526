namespace PortailFamille.Domain.Calendar;

/// <summary>
/// A school holiday, "Vacances de la Toussaint", as the range of days without school.
/// </summary>
/// <remarks>
/// The ministry's calendar gives "fin des cours" (usually a Saturday) and "reprise des cours"
/// (a Monday); its iCalendar feed has them as DTSTART and an exclusive DTEND. The web layer
/// stores DTSTART as <see cref="DateRange.Start"/> and the day before DTEND as
/// <see cref="DateRange.End"/>: Toussaint 2025 in every zone is 18/10/2025 to 02/11/2025,
/// and Monday 03/11/2025 is a school day again.
/// </remarks>
/// <param name="Label">The name shown to families, "Vacances de la Toussaint".</param>
/// <param name="Dates">The days without school, both ends included.</param>
public sealed record SchoolHoliday(string Label, DateRange Dates);
