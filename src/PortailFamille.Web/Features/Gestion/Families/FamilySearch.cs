using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>
/// The "Rechercher" box of the family list: each word typed must be found, ignoring case, in
/// a guardian's name or email, or in a child's first or last name ("martin léa" finds the
/// MARTIN family with its daughter Léa). The search stays one SQL query: each word becomes two
/// uncorrelated <c>IN (SELECT FamilyId … WHERE … LIKE …)</c> subqueries, which the database
/// runs once, not once per family. On PostgreSQL each table's names and email are one
/// lower-cased column (<see cref="SearchText"/>), served by a trigram index; on SQLite, whose
/// LIKE ignores case, the columns are searched as they are.
/// </summary>
public static class FamilySearch
{
    public const int MaxLength = 100;

    /// <summary>
    /// On PostgreSQL, the column of guardians and children holding their names (and the
    /// guardian's email) in lower case, separated by spaces, which no word of a search holds.
    /// </summary>
    public const string SearchText = "SearchText";

    private const int MaxWords = 5;
    private const string EscapeCharacter = "\\";

    /// <summary>The words of a search, at most 5, so that a pasted text cannot make the query huge.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length > MaxLength)
        {
            trimmed = trimmed[..MaxLength];
        }

        return [.. trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxWords)];
    }

    public static IQueryable<Family> Matching(this IQueryable<Family> families, AppDbContext db, string? text)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            foreach (var word in Words(text))
            {
                var lowered = "%" + EscapeLike(word.ToLowerInvariant()) + "%";
                // One list of families per word (IN (… UNION …)): PostgreSQL looks the few
                // hundred families up by their key, where an OR of two lists made it test
                // every family of the commune against both.
                families = families.Where(f =>
                    db.Guardians
                        .Where(g => EF.Functions.Like(EF.Property<string>(g, SearchText), lowered, EscapeCharacter))
                        .Select(g => g.FamilyId)
                        .Union(db.Children
                            .Where(c => EF.Functions.Like(EF.Property<string>(c, SearchText), lowered, EscapeCharacter))
                            .Select(c => c.FamilyId))
                        .Contains(f.Id));
            }

            return families;
        }

        // SQLite's LIKE ignores case (for ASCII letters) and has no trigram index to serve.
        foreach (var word in Words(text))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            families = families.Where(f =>
                db.Guardians
                    .Where(g => EF.Functions.Like(g.LastName, pattern, EscapeCharacter)
                        || EF.Functions.Like(g.FirstName, pattern, EscapeCharacter)
                        || EF.Functions.Like(g.Email, pattern, EscapeCharacter))
                    .Select(g => g.FamilyId)
                    .Contains(f.Id)
                || db.Children
                    .Where(c => EF.Functions.Like(c.FirstName, pattern, EscapeCharacter) || EF.Functions.Like(c.LastName, pattern, EscapeCharacter))
                    .Select(c => c.FamilyId)
                    .Contains(f.Id));
        }

        return families;
    }

    /// <summary>"%" and "_" typed by the agent (an email like jean_dupont@…) are matched as such.</summary>
    private static string EscapeLike(string word) =>
        word.Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);
}
