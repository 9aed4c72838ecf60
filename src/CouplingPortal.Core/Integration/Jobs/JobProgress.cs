namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>How far a running job is: records processed so far, the total when known, and a short stage text.</summary>
public readonly record struct JobProgress(int Processed, int? Total, string? Stage = null);
