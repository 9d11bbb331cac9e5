using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>Thrown by <see cref="CommitFailureInjector"/> in place of a transaction commit.</summary>
public sealed class InjectedCommitFailureException() : Exception("Injected failure just before the transaction commits.");

/// <summary>
/// An EF transaction interceptor that, once armed, fails the next commit after every statement of the
/// transaction has run: the moment between "instance written" and "committed".
/// </summary>
public sealed class CommitFailureInjector : DbTransactionInterceptor
{
    private int _armed;

    public void ArmOnce() => Volatile.Write(ref _armed, 1);

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ThrowIfArmed();
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ThrowIfArmed();
        return ValueTask.FromResult(result);
    }

    private void ThrowIfArmed()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            throw new InjectedCommitFailureException();
        }
    }
}
