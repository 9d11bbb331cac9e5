using OneStop.Workflows.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOneStopServer();

var app = builder.Build();
await app.PrepareOneStopAsync(app.Lifetime.ApplicationStopping);
app.MapOneStop();
await app.RunAsync();

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
