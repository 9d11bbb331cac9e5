namespace OneStop.Workflows.Chaos.Scale;

/// <summary>
/// Spreads the driver over several server nodes (scenario 5, issue 12): every request, whoever sends it, goes to the next
/// node in turn (one counter for all virtual users), so the requests of one case land on both nodes — submitted on one,
/// read on the other, decided on either. Counts the requests each node was sent.
/// </summary>
internal sealed class AlternatingNodesHandler : DelegatingHandler
{
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly long[] _sent;
    private long _next = -1;

    public AlternatingNodesHandler(IReadOnlyList<Uri> nodes)
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        ArgumentOutOfRangeException.ThrowIfZero(nodes.Count);
        _nodes = nodes;
        _sent = new long[nodes.Count];
    }

    /// <summary>How many requests node <paramref name="node"/> (index into the nodes given) was sent.</summary>
    public long Sent(int node) => Interlocked.Read(ref _sent[node]);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = (int)(Interlocked.Increment(ref _next) % _nodes.Count);
        Interlocked.Increment(ref _sent[index]);
        var node = _nodes[index];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = node.Scheme, Host = node.Host, Port = node.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
