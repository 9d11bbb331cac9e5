using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OneStop.Workflows.IntegrationTests.Definitions;

/// <summary>
/// A start-up filter that puts a middleware in front of the whole pipeline and completes <see cref="Outcome"/> with the
/// response status (and any exception that escaped the pipeline) once the first request to <paramref name="path"/> has
/// left the server, also when the client is gone, so a test can wait for the server's side of an aborted request
/// without polling.
/// </summary>
public sealed class RequestEnded(string path) : IStartupFilter
{
    private readonly TaskCompletionSource<(int Status, Exception? Escaped)> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(int Status, Exception? Escaped)> Outcome => _outcome.Task;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            try
            {
                await nextMiddleware(context);
            }
            catch (Exception ex) when (context.Request.Path == path && _outcome.TrySetResult((context.Response.StatusCode, ex)))
            {
                throw;
            }

            if (context.Request.Path == path)
            {
                _outcome.TrySetResult((context.Response.StatusCode, null));
            }
        });
        next(app);
    };
}
