using OneStop.Workflows.Server.Hosting;

if (ServerCommands.IsCommand(args))
{
    return await ServerCommands.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(ServerStart.Options(args));
builder.AddOneStopServer();

var app = builder.Build();
await app.PrepareOneStopAsync(app.Lifetime.ApplicationStopping);
app.MapOneStop();
return await app.RunOneStopAsync();

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
