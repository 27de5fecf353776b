namespace CodeContext.Core;

/// <summary>
/// A failure caused by the input (a path, a file, a request), not by a bug. Hosts print its message
/// as one line and exit non-zero; it never carries a stack trace to the user.
/// </summary>
public sealed class UserError(string message, Exception? inner = null) : Exception(message, inner);
