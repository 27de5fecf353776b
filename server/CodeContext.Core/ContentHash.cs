using System.Security.Cryptography;
using System.Text;

namespace CodeContext.Core;

/// <summary>Stable content keys for caches (hex SHA-256, shortened where a collision is harmless).</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Combine(params string[] parts) => Of(string.Join('\u001f', parts));
}
