using Npgsql;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence.Supervision;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OneStop.Workflows.Server.Hosting.Telemetry;

/// <summary>
/// What the server exports for monitoring (docs/operations.md, "What to monitor"). The instruments are .NET's own
/// (<see cref="EngineTelemetry"/>, <see cref="SupervisionTelemetry"/>, <see cref="MonitoringProbe"/>, ASP.NET Core's request
/// metrics), readable with <c>dotnet-counters</c> at any time; with an OTLP endpoint configured
/// (<c>Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) OpenTelemetry exports them and the
/// traces (requests, workflow steps, sweeps, SQL) to a collector. Without one nothing listens, and an unheard instrument
/// costs next to nothing.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name exported with every metric and span.</summary>
    public const string ServiceName = "onestop-workflows";

    public static WebApplicationBuilder AddOneStopTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(MonitoringProbeOptions.From(configuration));
        builder.Services.AddHostedService<MonitoringProbe>();
        var configured = configuration["Telemetry:OtlpEndpoint"];
        var fromEnvironment = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return builder;
        }

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(configured) && (!Uri.TryCreate(configured, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint '{configured}' is not an http(s) URL (e.g. http://otel-collector:4317).");
        }

        var protocol = configuration["Telemetry:OtlpProtocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"Telemetry:OtlpProtocol '{other}' is not grpc or http/protobuf."),
        };

        void Exporter(OtlpExporterOptions o)
        {
            // With only the standard environment variables set, the exporter reads them itself (endpoint, protocol, headers).
            if (endpoint is not null)
            {
                o.Endpoint = endpoint;
                o.Protocol = protocol;
            }
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(EngineTelemetry.Name, SupervisionTelemetry.Name, MonitoringProbe.MeterName)
                .AddOtlpExporter(Exporter))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddSource(EngineTelemetry.Name, SupervisionTelemetry.Name)
                .AddNpgsql()
                .AddOtlpExporter(Exporter));
        return builder;
    }
}
