using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 12 (what to monitor): a decision is traced and timed as a workflow step, a sweep counts the signals it raised and
/// how late, and the backlog probe counts pending signals overdue beyond the grace — through .NET's own listeners, the
/// way any exporter hears them. The instruments are process-wide, so each check looks for its own case's measurements.
/// </summary>
public sealed class Telemetry_Issue12Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task SubmitAcceptAndSweep_AreTracedAndMeasured()
    {
        using var heard = new Heard();
        SetClock("2025-09-26T09:00:00");
        var caseId = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var instanceId = await InDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == new Domain.Cases.CaseId(Guid.Parse(caseId))).Select(c => c.InstanceId).SingleAsync());

        var resume = heard.Spans.Where(a => a.OperationName == "workflow.resume" && (string?)a.GetTagItem("onestop.instance_id") == instanceId.ToString()).ToList();
        resume.Should().ContainSingle("the acceptance resumed the case's workflow once");
        resume[0].GetTagItem("onestop.outcome").Should().Be("committed");
        heard.Spans.Should().Contain(a => a.OperationName == "workflow.start" && (string?)a.GetTagItem("onestop.outcome") == "committed");
        heard.Measurements("onestop.workflow.step.duration").Should().Contain(m => m.Tags["operation"] as string == "resume" && m.Tags["outcome"] as string == "committed" && m.Value > 0);

        SetClock("2025-10-10T00:00:00");
        var fired = await SweepAsync();
        fired.Should().BeGreaterThanOrEqualTo(3, "the step prompt, the step yellow card and the case prompt were due");
        var firedCounts = heard.Measurements("onestop.sweep.signals.fired");
        firedCounts.Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(fired);
        firedCounts.Select(m => m.Tags["level"] as string).Should().Contain(["Prompt", "Yellow"]);
        heard.Measurements("onestop.sweep.lag").Should().Contain(m => m.Value > 0, "the signals were raised days after their due instants");
        heard.Spans.Should().Contain(a => a.OperationName == "deadline.sweep" && (int?)a.GetTagItem("onestop.signals_fired") >= 3);
    }

    [Fact]
    public async Task BacklogProbe_CountsOverdueSignalsBeyondTheGrace_AndTheGaugeReportsThem()
    {
        SetClock("2025-09-26T09:00:00");
        await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var probe = Factory.Services.GetRequiredService<SignalBacklogProbe>();
        (await probe.ProbeAsync(Duration.FromMinutes(1), default)).Count.Should().Be(0, "nothing is due yet");

        SetClock("2025-10-10T00:00:00");
        var (count, age) = await probe.ProbeAsync(Duration.FromMinutes(1), default);
        var pendingDue = await InDbAsync(db => db.Signals.AsNoTracking().CountAsync(s => s.FiredAt == null && s.DueAt < Factory.Clock.GetCurrentInstant() - Duration.FromMinutes(1)));
        count.Should().Be(pendingDue).And.Be(1, "only the step prompt (due 10-09 00:00) is older than the grace; the case prompt and the step yellow card fall due just now");

        SetClock("2025-10-10T00:05:00");
        (count, age) = await probe.ProbeAsync(Duration.FromMinutes(1), default);
        count.Should().Be(3, "five minutes on, the case prompt and the step yellow card are overdue too");
        age.Should().BeGreaterThan(TimeSpan.FromDays(1).TotalSeconds);
        using (var heard = new Heard())
        {
            heard.Observe();
            heard.Measurements("onestop.signals.overdue").Should().Contain(m => m.Value == count);
        }

        (await probe.ProbeAsync(Duration.FromDays(30), default)).Count.Should().Be(0, "within a long grace nothing is overdue");
        await SweepAsync();
        var after = await probe.ProbeAsync(Duration.FromMinutes(1), default);
        after.Count.Should().Be(await InDbAsync(db => db.Signals.AsNoTracking().CountAsync(s => s.FiredAt == null && s.DueAt < Factory.Clock.GetCurrentInstant() - Duration.FromMinutes(1))));
        after.Count.Should().BeLessThan(count, "the sweep raised the due signals (deemed actions are carried out by their own job)");
    }

    /// <summary>Spans of the engine's and the sweep's sources and measurements of their meters, while alive.</summary>
    private sealed class Heard : IDisposable
    {
        private readonly ActivityListener _spans;
        private readonly MeterListener _meters = new();
        private readonly ConcurrentQueue<Activity> _activities = new();
        private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

        public Heard()
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name is EngineTelemetry.Name or SupervisionTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => _activities.Enqueue(a),
            };
            ActivitySource.AddActivityListener(_spans);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is EngineTelemetry.Name or SupervisionTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _meters.Start();
        }

        public IReadOnlyList<Activity> Spans => [.. _activities];

        public IReadOnlyList<(string Name, double Value, Dictionary<string, object?> Tags)> Measurements(string name) =>
            [.. _measurements.Where(m => m.Name == name)];

        public void Observe() => _meters.RecordObservableInstruments();

        public void Dispose()
        {
            _spans.Dispose();
            _meters.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measurements.Enqueue((instrument.Name, value, copy));
        }
    }
}
