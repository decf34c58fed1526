namespace PortailFamille.Domain.Reservations;

/// <summary>
/// The one order of the service's answers (docs/product.md 4.2): the request time, then the
/// reservation's identifier when two requests were made at the same instant. The waiting
/// list's positions, the promotions, the automatic confirmations and the agents' queues all
/// follow it, so that the position a family sees is the order in which places are given.
/// </summary>
public static class WaitingList
{
    /// <summary>Compares two requests: negative when the first comes first.</summary>
    public static int Compare(DateTimeOffset? firstRequestedAt, Guid firstId, DateTimeOffset? secondRequestedAt, Guid secondId)
    {
        var byTime = Nullable.Compare(firstRequestedAt, secondRequestedAt);
        return byTime != 0 ? byTime : firstId.CompareTo(secondId);
    }

    /// <summary>The items in request order.</summary>
    public static IOrderedEnumerable<T> InOrder<T>(IEnumerable<T> items, Func<T, DateTimeOffset?> requestedAt, Func<T, Guid> id) =>
        items.OrderBy(requestedAt).ThenBy(id);

    /// <summary>
    /// The 1-based position of a request among <paramref name="list"/> (the day and unit's
    /// waiting list): one more than the requests before it.
    /// </summary>
    public static int Position<T>(IEnumerable<T> list, Func<T, DateTimeOffset?> requestedAt, Func<T, Guid> id, DateTimeOffset? mineRequestedAt, Guid mineId) =>
        1 + list.Count(r => Compare(requestedAt(r), id(r), mineRequestedAt, mineId) < 0);
}
