return await CouplingPortal.Benchmarks.BenchmarkRunner.RunAsync(args);
