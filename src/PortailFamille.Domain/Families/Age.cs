namespace PortailFamille.Domain.Families;

/// <summary>Age in whole years, as French administrations count it.</summary>
public static class Age
{
    /// <summary>
    /// Age in whole years on <paramref name="day"/>. Someone born on 29 February becomes a
    /// year older on 1 March in common years (the day after 28 February), never earlier.
    /// Returns 0 before the birth date.
    /// </summary>
    public static int On(DateOnly birthDate, DateOnly day)
    {
        if (day < birthDate)
        {
            return 0;
        }

        var years = day.Year - birthDate.Year;
        var birthdayReached = day.Month > birthDate.Month
            || (day.Month == birthDate.Month && day.Day >= birthDate.Day);
        return birthdayReached ? years : years - 1;
    }
}
