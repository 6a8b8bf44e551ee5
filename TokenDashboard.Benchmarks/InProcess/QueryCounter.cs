using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// Counts what EF Core sends to the database, through its DiagnosticSource events (no change to the app's
/// configuration): commands executed and connections opened. Used to prove that garbage tokens cost zero queries.
/// Not attached while BenchmarkDotNet times anything.
/// </summary>
internal sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private long commands;
    private long connections;

    public QueryCounter() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public long Commands => Interlocked.Read(ref commands);
    public long ConnectionsOpened => Interlocked.Read(ref connections);

    public void Reset()
    {
        Interlocked.Exchange(ref commands, 0);
        Interlocked.Exchange(ref connections, 0);
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name)
        {
            Interlocked.Increment(ref commands);
        }
        else if (value.Key == RelationalEventId.ConnectionOpening.Name)
        {
            Interlocked.Increment(ref connections);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }
    }
}
