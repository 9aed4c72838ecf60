Console.WriteLine("CouplingPortal benchmarks");
