using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CodeContext.Core;

/// <summary>Stable content keys for caches (hex SHA-256, shortened where a collision is harmless).</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The hash of the text's UTF-8 bytes, encoded into a pooled buffer (whole files are hashed several times a run; a fresh array each time was garbage the size of the codebase).</summary>
    public static string Of(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            return Of(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Combine(params string[] parts) => Of(string.Join('\u001f', parts));
}
