using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>
/// Test clients from several IP addresses: the in-memory server has no connection address, so a test server built by
/// <see cref="WithClientAddresses"/> takes <c>Connection.RemoteIpAddress</c> from the header <see cref="Header"/>.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>The same server (settings, database, fake clock) with client addresses taken from <see cref="Header"/>.</summary>
    public static WebApplicationFactory<Program> WithClientAddresses(this OneStopApiFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressFromHeader>()));

    /// <summary>An anonymous client that appears to come from <paramref name="address"/>.</summary>
    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> server, string address)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
