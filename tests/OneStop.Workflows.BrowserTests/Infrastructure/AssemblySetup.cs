// One server, one database and one browser for the whole assembly (UiServer); tests run one after another, so they
// never compete for the two cores with each other (the other test assemblies still run next to this one).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
