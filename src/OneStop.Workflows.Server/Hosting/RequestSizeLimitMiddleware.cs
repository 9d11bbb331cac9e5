using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="ApiOptions.MaxRequestBodyBytes"/> with a 413 ProblemDetails,
/// whether the size is declared (Content-Length) or only discovered while reading (chunked).
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsTooLarge(ex) && !context.Response.HasStarted)
        {
            await WriteTooLargeAsync(context, limit);
        }
    }

    private static bool IsTooLarge(Exception ex) =>
        ex is RequestBodyTooLargeException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        || (ex.InnerException is { } inner && IsTooLarge(inner));

    private static Task WriteTooLargeAsync(HttpContext context, long limit) =>
        Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: $"The request body exceeds the limit of {limit} bytes.",
            type: ProblemTypes.PayloadTooLarge).ExecuteAsync(context);
}

/// <summary>Thrown by <see cref="LimitedReadStream"/> when a body grows past the limit.</summary>
public sealed class RequestBodyTooLargeException() : IOException("The request body is too large.");

/// <summary>A read-only wrapper that throws once more than the limit has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new RequestBodyTooLargeException() : read;
    }
}
