using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Hosting;

/// <summary>Issue 8, finding 4: a save observes its cancellation token while it validates and compiles, and then stores nothing.</summary>
public sealed class SaveCancellation_Issue8Tests
{
    // start ─▶ interrupt ─▶ w1 … w300 ─▶ end: the token is cancelled while the compiler is at activity [1]
    private static string Definition()
    {
        var builder = new FlowchartBuilder("cancelled").Start("start").Activity(InterruptingActivity.Type, "interrupt").Connect("start", "interrupt");
        var previous = "interrupt";
        for (var i = 1; i <= 300; i++)
        {
            builder.WriteLine($"w{i}", "step").Connect(previous, $"w{i}");
            previous = $"w{i}";
        }

        return builder.End("end").Connect(previous, "end").Build();
    }

    [Fact]
    public async Task Save_ThrowsOperationCanceled_AndStoresNothing_WhenCancelledMidCompile()
    {
        var interrupt = new InterruptingActivity();
        var fixture = new HostFixture(ActivityCatalogue.CreateDefault().With([interrupt]));
        using var cts = new CancellationTokenSource();
        interrupt.Arm(cts.Cancel);

        var save = () => fixture.Definitions.SaveAsync(Definition(), publish: true, cts.Token);

        await save.Should().ThrowAsync<OperationCanceledException>();
        interrupt.Interruptions.Should().Be(1, "the token was cancelled by the compiler reading activity [1]");
        (await fixture.Store.FindLatestAsync("cancelled", HostFixture.Ct)).Should().BeNull();
        fixture.Store.CommitCount.Should().Be(0);
    }

    [Fact]
    public async Task Save_Succeeds_WithTheSameDefinition_WhenNotCancelled()
    {
        var interrupt = new InterruptingActivity();
        var fixture = new HostFixture(ActivityCatalogue.CreateDefault().With([interrupt]));

        var saved = await fixture.SaveAsync(Definition(), publish: true);

        saved.DefinitionId.Should().Be("cancelled");
    }

    [Fact]
    public void Compile_Throws_WhenTheTokenIsAlreadyCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var compile = () => WorkflowCompiler.Compile(CompactChain.Build("c", 10), TestWorkflows.Catalogue, TestWorkflows.Identity(), ct: cts.Token);

        compile.Should().Throw<OperationCanceledException>();
    }
}
