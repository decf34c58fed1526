using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PortailFamille.Domain.Families;
using PortailFamille.Web.Data;

namespace PortailFamille.Web.Features.Gestion.Families;

/// <summary>
/// The "Rechercher" box of the family list: each word typed must be found, ignoring case, in
/// a guardian's name or email, or in a child's first or last name ("martin léa" finds the
/// MARTIN family with its daughter Léa). The search stays one SQL query: each word becomes two
/// uncorrelated <c>IN (SELECT FamilyId … WHERE … LIKE …)</c> subqueries, which the database
/// runs once, not once per family; on PostgreSQL trigram indexes serve its LIKEs.
/// </summary>
public static class FamilySearch
{
    public const int MaxLength = 100;

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
        // SQLite's LIKE ignores case for ASCII letters; PostgreSQL's LIKE does not, ILIKE does.
        var rewriter = new LikeRewriter(db.Database.IsNpgsql());
        foreach (var word in Words(text))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            Expression<Func<Family, bool>> predicate = f =>
                db.Guardians
                    .Where(g => Like(g.LastName, pattern) || Like(g.FirstName, pattern) || Like(g.Email, pattern))
                    .Select(g => g.FamilyId)
                    .Contains(f.Id)
                || db.Children
                    .Where(c => Like(c.FirstName, pattern) || Like(c.LastName, pattern))
                    .Select(c => c.FamilyId)
                    .Contains(f.Id);
            families = families.Where((Expression<Func<Family, bool>>)rewriter.Visit(predicate));
        }

        return families;
    }

    /// <summary>"%" and "_" typed by the agent (an email like jean_dupont@…) are matched as such.</summary>
    private static string EscapeLike(string word) =>
        word.Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);

    // Stands for the provider's LIKE in the predicate above, so that it is written once;
    // LikeRewriter puts EF.Functions.Like or EF.Functions.ILike in its place before EF sees it.
    private static bool Like(string value, string pattern) =>
        throw new NotSupportedException($"{nameof(FamilySearch)}.{nameof(Like)} only stands in a query for {value} LIKE {pattern}.");

    private sealed class LikeRewriter(bool npgsql) : ExpressionVisitor
    {
        private static readonly MethodInfo Placeholder =
            typeof(FamilySearch).GetMethod(nameof(Like), BindingFlags.NonPublic | BindingFlags.Static)!;

        private static readonly MethodInfo SqlLike = typeof(DbFunctionsExtensions).GetMethod(
            nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

        private static readonly MethodInfo SqlILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
            nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

        private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method == Placeholder
                ? Expression.Call(
                    npgsql ? SqlILike : SqlLike,
                    Functions,
                    Visit(node.Arguments[0]),
                    Visit(node.Arguments[1]),
                    Expression.Constant(EscapeCharacter))
                : base.VisitMethodCall(node);
    }
}
