namespace PortailFamille.Web.Infrastructure.Auditing;

/// <summary>
/// Lists what changed between two versions of a form, field by field, in the words agents
/// read in a family's history: « Tél domicile : « 04 76 … » → « 04 77 … » ».
/// </summary>
public sealed class ChangeList
{
    private readonly List<string> _changes = [];

    public bool IsEmpty => _changes.Count == 0;

    public ChangeList Compare(string label, object? before, object? after)
    {
        var old = Show(before);
        var now = Show(after);
        if (old != now)
        {
            _changes.Add($"{label} : {old} → {now}");
        }

        return this;
    }

    public override string ToString() => string.Join(" ; ", _changes);

    private static string Show(object? value) => value switch
    {
        null => "(vide)",
        string s when string.IsNullOrWhiteSpace(s) => "(vide)",
        bool b => b ? "oui" : "non",
        IFormattable f => $"« {f.ToString(null, System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} »",
        _ => $"« {value} »",
    };
}
