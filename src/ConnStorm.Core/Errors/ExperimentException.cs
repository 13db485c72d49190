namespace ConnStorm.Errors;

/// <summary>A run could not be carried out in this environment (a lab, a sink, a proxy that would not start): exit code 3.</summary>
public sealed class ExperimentException(string message) : Exception(message);
