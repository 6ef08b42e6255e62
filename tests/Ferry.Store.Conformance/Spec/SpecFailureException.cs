namespace Ferry.Store.Conformance.Spec;

/// <summary>A spec test did not behave as specified; the message says which operation and why.</summary>
public sealed class SpecFailureException(string message) : Exception(message);

/// <summary>An error a driver raises before sending anything (the spec's <c>isClientError</c>).</summary>
public sealed class SpecClientErrorException(string message) : Exception(message);
