namespace PortailFamille.Domain.Billing;

/// <summary>
/// What an agent marks for a child on a unit's day (docs/product.md 4.6, "Pointage"). A
/// "présence non prévue" is not a mark of its own: it is <see cref="Present"/> for a child
/// who held no place that day, so it stays right if the reservation changes afterwards.
/// </summary>
public enum AttendanceMark
{
    /// <summary>Présent.</summary>
    Present,

    /// <summary>Absent justifié (with a reason): not billed.</summary>
    AbsentJustified,

    /// <summary>Absent non justifié: billed, with the activity's penalty if it has one.</summary>
    AbsentUnjustified,
}

/// <summary>The French words of the marks, as the attendance sheet and the invoices show them.</summary>
public static class AttendanceMarks
{
    /// <summary>Longest reason of a justified absence.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>"Présent", "Absent justifié", "Absent non justifié".</summary>
    public static string Label(AttendanceMark mark) => mark switch
    {
        AttendanceMark.Present => "Présent",
        AttendanceMark.AbsentJustified => "Absent justifié",
        AttendanceMark.AbsentUnjustified => "Absent non justifié",
        _ => throw new ArgumentOutOfRangeException(nameof(mark), mark, null),
    };
}
