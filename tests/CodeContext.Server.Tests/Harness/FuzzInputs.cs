using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace CodeContext.Server.Tests.Harness;

/// <summary>
/// Generators of what a confused or hostile client might send: well-formed frames of random
/// JSON-RPC, random JSON and random bytes, frames with lying or missing headers, bodies over the
/// limit, and near-valid requests for the real methods on real and escaping URIs.
/// Declared lengths never exceed <see cref="MaxOverRead"/> past what is sent, so a fixed padding
/// always brings a confused reader to the next header.
/// </summary>
internal static class FuzzInputs
{
    public const int MaxOverRead = 4096;

    private static readonly string[] Methods =
    [
        "initialize", "initialized", "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose",
        "workspace/didChangeWatchedFiles", "codeContext/compose", "codeContext/rank", "codeContext/explain",
        "codeContext/readRegion", "codeContext/status", "$/cancelRequest", "$/setTrace", "$/progress",
        "window/workDoneProgress/create", "textDocument/hover", "", " ", "codeContext/", "CODECONTEXT/STATUS",
    ];

    private static readonly string[] Files =
    [
        "src/Shop.Services/Orders/OrderService.cs", "src/Shop.Domain/Orders/Order.cs", "README.md",
        "src/Shop.Domain/Generated/Mappings.g.cs", "../outside.cs", "src/../../../etc/passwd", "missing/Nope.cs",
    ];

    private static Gen<JsonNode?> Json => Gen.Recursive<JsonNode?>((depth, inner) => depth >= 4
        ? Scalar
        : Gen.Frequency<JsonNode?>(
            (6, Scalar),
            (2, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (2, Gen.Select(Key.Array[0, 4], inner.Array[4], (keys, values) => (JsonNode?)Object(keys, values)))));

    private static Gen<JsonNode?> Scalar => Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Select(d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.5)),
        Gen.String[0, 24].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf(Files).Select(f => (JsonNode?)JsonValue.Create(f)));

    private static Gen<string> Key => Gen.OneOf(
        Gen.OneOf("textDocument", "uri", "position", "line", "character", "startLine", "endLine", "budget", "profile", "query",
            "recent", "images", "top", "target", "contentChanges", "range", "start", "end", "text", "version", "changes", "id", "type"),
        Gen.String[0, 8]);

    private static Gen<JsonNode?> Id => Gen.Frequency<JsonNode?>(
        (6, Gen.Int[0, 1000].Select(i => (JsonNode?)JsonValue.Create(i))),
        (2, Gen.String[0, 12].Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Json));

    /// <summary>One request-shaped object: mostly right, sometimes wrong in one member.</summary>
    private static Gen<JsonObject> RpcObject(string root) => Gen.Select(
        Gen.Frequency((8, Gen.Const<JsonNode?>("2.0")), (1, Json)),
        Gen.Frequency((3, Id), (1, Gen.Const((JsonNode?)null))),
        Gen.Frequency((6, Gen.OneOf(Methods)), (2, Gen.String[0, 30])),
        Gen.Frequency((5, Params(root)), (2, Json)),
        Gen.Int[0, 15],
        (version, id, method, parameters, drop) =>
        {
            var message = new JsonObject();
            // Generated nodes may be shared (constants): every one is cloned before it gets a parent.
            if ((drop & 1) == 0) message["jsonrpc"] = version?.DeepClone();
            if ((drop & 2) == 0 && id is not null) message["id"] = id.DeepClone();
            if ((drop & 4) == 0 && method != "exit" && method != "shutdown") message["method"] = method;
            if ((drop & 8) == 0) message["params"] = parameters?.DeepClone();
            if ((drop & 12) == 12) message[(drop & 1) == 0 ? "result" : "error"] = parameters?.DeepClone();
            return message;
        });

    /// <summary>Parameters shaped like the real methods', with URIs inside, outside and around the root.</summary>
    private static Gen<JsonNode?> Params(string root) => Gen.Select(
        Gen.OneOf(Files), Gen.Int[-2, 400], Gen.Int[-2, 400], Gen.String[0, 40],
        // Edits (shapes 2 and 3) re-analyse a document, which costs milliseconds: keep them rarer.
        Gen.Frequency((4, Gen.Int[0, 1]), (1, Gen.Int[2, 3]), (2, Gen.Const(4))),
        (file, a, b, text, shape) =>
        {
            var uri = new Uri(Path.GetFullPath(Path.Combine(root, file))).AbsoluteUri;
            var document = new JsonObject { ["uri"] = uri };
            return (JsonNode?)(shape switch
            {
                0 => new JsonObject { ["textDocument"] = document, ["startLine"] = a, ["endLine"] = b },
                1 => new JsonObject { ["textDocument"] = document, ["position"] = new JsonObject { ["line"] = a, ["character"] = b }, ["top"] = Math.Max(1, a % 7), ["query"] = text },
                2 => new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = a },
                    ["contentChanges"] = new JsonArray(new JsonObject
                    {
                        ["range"] = new JsonObject { ["start"] = new JsonObject { ["line"] = a % 5, ["character"] = b }, ["end"] = new JsonObject { ["line"] = a % 5, ["character"] = b + 1 } },
                        ["text"] = text,
                    }),
                },
                3 => new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = a, ["text"] = "namespace Fuzz; class C" + Math.Abs(b) + " { }" } },
                _ => new JsonObject { ["changes"] = new JsonArray(new JsonObject { ["uri"] = uri, ["type"] = a % 4 }), ["id"] = a },
            });
        });

    public static Gen<byte[]> Input(string root, int limit) => Gen.Frequency<byte[]>(
        (30, RpcObject(root).Select(m => Frame(Utf8(m.ToJsonString())))),
        (12, Json.Select(j => Frame(Utf8(j?.ToJsonString() ?? "null")))),
        (8, Gen.Byte.Array[1, 200].Select(Frame)),
        (10, Gen.Select(RpcObject(root), Gen.Int[-40, MaxOverRead], (m, delta) => LyingFrame(Utf8(m.ToJsonString()), delta))),
        (10, Gen.Select(HeaderNoise, RpcObject(root), (header, m) => (byte[])[.. Encoding.Latin1.GetBytes(header), .. Utf8(m.ToJsonString())])),
        (10, Gen.Byte.Array[0, 300]),
        (5, Gen.Int[limit + 1, limit + MaxOverRead - 64].Select(size => Frame(Utf8($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"codeContext/status\",\"pad\":\"{new string('p', size)}\"}}")))),
        (5, Gen.String[0, 60].Select(s => Utf8(s))));

    private static Gen<string> HeaderNoise => Gen.OneOf(
        Gen.Const("\r\n\r\n"),
        Gen.Int[0, MaxOverRead].Select(n => $"Content-Length: {n}\r\n\r\n"),
        Gen.Int[-MaxOverRead, -1].Select(n => $"Content-Length: {n}\r\n\r\n"),
        Gen.String[0, 20].Select(s => $"Content-Length: {s}\r\n\r\n"),
        Gen.String[0, 30].Select(s => $"{s}\r\n\r\n"),
        Gen.String[0, 30].Select(s => $"Content-Length: 10\r\n{s}: x\r\n\r\n"),
        Gen.Const("Content-Type: application/json; charset=utf-16\r\nContent-Length: 2\r\n\r\n"),
        Gen.Const("content-length:2\r\n\r\n"),
        Gen.Const("Content-Length: 99999999999999999999999\r\n\r\n"));

    public static byte[] Frame(byte[] body) => LyingFrame(body, 0);

    private static byte[] LyingFrame(byte[] body, int delta) =>
        [.. Encoding.ASCII.GetBytes($"Content-Length: {Math.Max(0, body.Length + delta)}\r\n\r\n"), .. body];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JsonObject Object(string[] keys, JsonNode?[] values)
    {
        var o = new JsonObject();
        for (var i = 0; i < keys.Length; i++) o[keys[i]] = values[i]?.DeepClone();
        return o;
    }
}
