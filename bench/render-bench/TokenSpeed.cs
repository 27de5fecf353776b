using System.Diagnostics;
using CodeContext.Rendering.Tokenizers;

namespace RenderBench;

/// <summary>Tokenizer load time and tokens/s on one large file, first pass (empty piece cache) and second.</summary>
internal static class TokenSpeed
{
    public static int Run(string file)
    {
        var text = File.ReadAllText(file);
        foreach (var id in TokenizerCatalog.Ids)
        {
            var watch = Stopwatch.StartNew();
            var tokenizer = TokenizerCatalog.Get(id);
            var load = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var count = tokenizer.CountTokens(text);
            var first = watch.Elapsed.TotalSeconds;
            watch.Restart();
            tokenizer.CountTokens(text);
            var second = watch.Elapsed.TotalSeconds;
            if (tokenizer is DeepSeekV3Tokenizer)
            {
                var fresh = DeepSeekV3Tokenizer.LoadBundled();
                watch.Restart();
                fresh.CountTokens(text);
                Console.WriteLine($"{id}: a fresh instance (empty piece cache, code already compiled): {watch.Elapsed.TotalMilliseconds:F0} ms");
            }

            Console.WriteLine($"{id}: {text.Length} chars -> {count} tokens; load {load:F0} ms; first pass {first * 1000:F0} ms ({count / first / 1e6:F2} M tokens/s); second pass {second * 1000:F0} ms ({count / second / 1e6:F2} M tokens/s)");
        }

        return 0;
    }
}
