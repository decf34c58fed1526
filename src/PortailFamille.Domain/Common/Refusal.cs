namespace PortailFamille.Domain.Common;

/// <summary>
/// An expected refusal of a rule (a wrong value, a deadline passed, a place taken), with the
/// French message shown to the user and the field it concerns (empty for the whole form).
/// </summary>
public sealed record Refusal(string Field, string Message);

/// <summary>
/// The outcome of a domain operation: either a value or the refusals that prevented it.
/// Pages turn refusals into form errors, the API into a validation problem.
/// </summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, IReadOnlyList<Refusal> refusals)
    {
        _value = value;
        Refusals = refusals;
    }

    /// <summary>The refusals; empty when the operation succeeded.</summary>
    public IReadOnlyList<Refusal> Refusals { get; }

    /// <summary>True when the operation succeeded.</summary>
    public bool Succeeded => Refusals.Count == 0;

    /// <summary>The value; only read it after checking <see cref="Succeeded"/>.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException("L'opération a été refusée.");

    /// <summary>A successful outcome.</summary>
    public static Outcome<T> Success(T value) => new(value, []);

    /// <summary>A refused outcome; at least one refusal is required.</summary>
    public static Outcome<T> Refused(IReadOnlyList<Refusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        if (refusals.Count == 0)
        {
            throw new ArgumentException("A refusal needs a reason.", nameof(refusals));
        }

        return new(default, refusals);
    }
}
