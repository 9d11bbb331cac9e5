// The use cases and their views are what every route works with.
global using OneStop.Workflows.Application;
global using OneStop.Workflows.Application.Cases;
