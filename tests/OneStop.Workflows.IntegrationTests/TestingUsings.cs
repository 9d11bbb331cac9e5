// The shared test helpers (OneStop.Workflows.Testing), e.g. RepositoryFolders, for every test file.
global using OneStop.Workflows.Testing;
