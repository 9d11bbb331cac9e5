using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Running behind a TLS reverse proxy (section <c>ReverseProxy</c>): <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed only from the proxies listed in <c>ReverseProxy:KnownProxies</c> (IP addresses) or
/// <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>). Nothing listed (the default): no forwarded header
/// is believed at all, not even from loopback. Once the scheme is forwarded the request is https, so the sign-in cookie
/// is <c>Secure</c> and rate limits see the client's address, not the proxy's.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    /// <summary>The forwarded-headers options from the settings, or null when no proxy is listed (a bad entry stops the server).</summary>
    public static ForwardedHeadersOptions? OptionsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies"));
        var networks = Values(section.GetSection("KnownNetworks"));
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)."));
        }

        return options;
    }

    /// <summary>A list setting given as an array (<c>KnownProxies:0</c>, …) or as one comma-separated value.</summary>
    private static List<string> Values(IConfigurationSection section)
    {
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is { } single)
        {
            values.AddRange(single.Split(','));
        }

        return values.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
    }
}

/// <summary>The forwarded-headers options read at start-up (null: no proxy is trusted).</summary>
public sealed record ReverseProxySettings(ForwardedHeadersOptions? Forwarding);
