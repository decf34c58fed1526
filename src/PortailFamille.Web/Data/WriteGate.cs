namespace PortailFamille.Web.Data;

/// <summary>
/// On SQLite, lets the hot writes of registration day (the families' clicks) reach the database
/// one at a time, queued in the process. SQLite has one writer: a second transaction asking for
/// it gets "database is locked", which the driver answers by sleeping and asking again, so that
/// under a crowd each click waited far longer than the writes before it took. Queued here, a
/// write starts the moment the previous one commits. On PostgreSQL, which locks rows, the gate
/// lets everyone through. The database's own locking still guarantees correctness either way;
/// the gate only removes the sleeping.
/// </summary>
public sealed class WriteGate(bool oneAtATime) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Waits for the turn of this write; dispose the result once committed.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (!oneAtATime)
        {
            return default;
        }

        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>A write's turn; ends when disposed.</summary>
    public readonly struct Turn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
