using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Server.Hosting.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>Issue 12: the exporter is on only when an OTLP endpoint is configured, and a wrong setting stops the start with its name.</summary>
public sealed class TelemetrySetup_Issue12Tests
{
    [Fact]
    public void WithoutAnEndpoint_NothingIsExported_ButTheProbeRuns()
    {
        using var app = Build([]);
        app.Services.GetService<MeterProvider>().Should().BeNull();
        app.Services.GetService<TracerProvider>().Should().BeNull();
        app.Services.GetRequiredService<MonitoringProbeOptions>().Interval.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void WithAnEndpoint_MetricsAndTracesAreExported()
    {
        using var app = Build(new() { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317", ["Telemetry:ProbeSeconds"] = "0" });
        app.Services.GetService<MeterProvider>().Should().NotBeNull();
        app.Services.GetService<TracerProvider>().Should().NotBeNull();
        app.Services.GetRequiredService<MonitoringProbeOptions>().Interval.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpProtocol", "udp", "Telemetry:OtlpProtocol")]
    [InlineData("Telemetry:ProbeSeconds", "-1", "Telemetry:ProbeSeconds")]
    public void AWrongSetting_StopsTheStart_NamingIt(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317", [key] = value };
        var build = () => Build(settings);
        build.Should().Throw<InvalidOperationException>().WithMessage($"*{named}*");
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOneStopTelemetry();
        return builder.Build();
    }
}
