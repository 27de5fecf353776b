using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CodeContext.Core;
using CodeContext.VisionEncoder;

namespace CodeContext.Bench.Encoder;

/// <summary>
/// EncoderBench --model M.onnx [--provider auto|cuda|cpu] [--batches 1,8,32] [--input pages.f32]
///               [--dump out.f32] [--seconds 4] [--json result.json] [--cuda-options "k=v;k=v"] [--profile prefix]
///               [--io host|views|pinned|device] [--fixed-batch true] [--save-optimized graph.onnx]
///               [--warmups 3] [--min-runs 5]
/// Times one batch through the model per batch size and, with --dump, writes the model's output for the
/// --input views (taken after the timing, so it also checks replayed CUDA graphs).
/// --io host: OnnxViewModel.Run from one managed array (pageable memory: ONNX Runtime stages the copies);
/// views: OnnxViewModel.Run over one array per view, what codecontext runs (pinned staging on CUDA);
/// pinned: input and output bound in CUDA pinned host memory (the copies run at full PCIe speed, as
/// PyTorch's pinned-memory timings do); device: input and output bound in device memory, filled once
/// (the model alone, no transfers). --fixed-batch loads one session per batch size with that size fixed.
/// </summary>
public static partial class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return Run(Arguments.Parse(args));
        }
        catch (UserError error)
        {
            Console.Error.WriteLine($"EncoderBench: error: {error.Message}");
            return 2;
        }
    }

    private static int Run(Arguments args)
    {
        var rows = new List<string>();
        var dumped = false;
        var groups = args.FixedBatch ? args.Batches.Select(b => new[] { b }).ToArray() : [args.Batches];
        foreach (var batches in groups)
        {
            var loadClock = Stopwatch.StartNew();
            var settings = new OnnxSessionSettings(args.CudaOptions, args.Profile, args.FixedBatch ? batches[0] : null, args.SaveOptimized);
            using var model = OnnxViewModel.Load(args.Model, args.Provider, settings);
            Console.WriteLine($"model {model.Path}: {model.ImageSize}px -> [{model.Tokens}, {model.OutputDim}] {model.DataType}, " +
                              $"weights {model.Weights}, provider {model.Provider}{(model.FallbackReason is null ? "" : $" (CUDA unavailable: {model.FallbackReason})")}, " +
                              $"batch {(model.FixedBatch is { } fixedTo ? $"fixed to {fixedTo}" : "dynamic")}, io {args.Io}, loaded in {loadClock.Elapsed.TotalSeconds:F1} s");
            var views = LoadViews(args.Input, model.ViewLength);
            var maxBatch = Math.Max(batches.Max(), views.Count);
            var pixels = new float[(long)maxBatch * model.ViewLength];
            for (var i = 0; i < maxBatch; i++) views[i % views.Count].CopyTo(pixels, (long)i * model.ViewLength);

            if (args.Profile is not null)
            {
                // Profiled runs at the first batch size only; profile_summary.py drops the first run (its
                // allocations and cuDNN's algorithm search) so the trace says where steady-state time goes.
                using var runner = BatchRunner.Create(args.Io, model, pixels, batches[0]);
                for (var i = 0; i < 4; i++) runner.Run();
                Console.WriteLine($"profile written to {model.EndProfiling()}");
                return 0;
            }

            foreach (var batch in batches)
            {
                using var runner = BatchRunner.Create(args.Io, model, pixels, batch);
                for (var i = 0; i < args.Warmups; i++) runner.Run();
                var times = new List<double>();
                var deadline = Stopwatch.StartNew();
                while (times.Count < args.MinRuns || (deadline.Elapsed.TotalSeconds < args.Seconds && times.Count < 200))
                {
                    var clock = Stopwatch.StartNew();
                    runner.Run();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                var median = times[times.Count / 2];
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"batch\": {batch}, \"iterations\": {times.Count}, \"median_ms\": {median:F2}, \"min_ms\": {times[0]:F2}, \"pages_per_s\": {batch * 1000.0 / median:F1}}}");
                rows.Add(row);
                Console.WriteLine(row);
                if (args.Dump is not null && !dumped && batch >= views.Count)
                {
                    runner.Run();
                    var values = runner.ReadOutput()[..(views.Count * model.Tokens * model.OutputDim)];
                    using var file = File.Create(args.Dump);
                    file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
                    Console.WriteLine($"dumped {views.Count} x [{model.Tokens}, {model.OutputDim}] (batch {batch}, io {args.Io}) to {args.Dump}");
                    dumped = true;
                }
            }
            if (args.Json is not null)
            {
                var report = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"model\": {JsonSerializer.Serialize(Path.GetFileName(model.Path), BenchJson.Default.String)}, \"dtype\": \"{model.DataType}\", \"provider\": \"{model.Provider}\", \"io\": \"{args.Io}\", \"fixed_batch\": {(args.FixedBatch ? "true" : "false")}, \"cuda_options\": {JsonSerializer.Serialize(string.Join(';', (args.CudaOptions ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}")), BenchJson.Default.String)}, \"image_size\": {model.ImageSize}, \"tokens\": {model.Tokens},\n \"runs\": [\n  {string.Join(",\n  ", rows)}]}}\n");
                File.WriteAllText(args.Json, report);
            }
        }
        if (args.Dump is not null && !dumped) Console.WriteLine($"no batch size reached the {args.Input} views; nothing dumped");
        return 0;
    }

    /// <summary>Views from a raw float32 file ([N, 3, S, S]); without one, a deterministic pattern.</summary>
    private static List<float[]> LoadViews(string? path, int viewLength)
    {
        if (path is null)
        {
            var random = new Random(1);
            var view = new float[viewLength];
            for (var i = 0; i < view.Length; i++) view[i] = (float)(random.NextDouble() * 2 - 1);
            return [view];
        }
        if (!File.Exists(path)) throw new UserError($"input file not found: {path}");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % (viewLength * 4) != 0)
            throw new UserError($"{path}: {bytes.Length} bytes is not a whole number of views of {viewLength} float32");
        var all = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes);
        var views = new List<float[]>();
        for (var start = 0; start < all.Length; start += viewLength) views.Add(all.Slice(start, viewLength).ToArray());
        return views;
    }

    [System.Text.Json.Serialization.JsonSerializable(typeof(string))]
    private sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;

    private sealed record Arguments(string Model, ProviderChoice Provider, int[] Batches, string? Input, string? Dump, double Seconds, string? Json,
        IReadOnlyDictionary<string, string>? CudaOptions, string? Profile, BenchIo Io, bool FixedBatch, string? SaveOptimized, int Warmups, int MinRuns)
    {
        public static Arguments Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new UserError($"unexpected argument '{args[i]}' (every option takes a value)");
                values[args[i][2..]] = args[++i];
            }
            if (!values.TryGetValue("model", out var model)) throw new UserError("--model M.onnx is required");
            var provider = ExecutionProviders.Parse(values.GetValueOrDefault("provider"));
            var batches = values.GetValueOrDefault("batches", "1,8,32").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
            var seconds = double.Parse(values.GetValueOrDefault("seconds", "4"), CultureInfo.InvariantCulture);
            // --cuda-options "prefer_nhwc=1;cudnn_conv_algo_search=HEURISTIC": passed to the CUDA provider as given.
            var cudaOptions = values.GetValueOrDefault("cuda-options")?.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : throw new UserError($"--cuda-options: '{kv[0]}' needs =value"));
            var io = values.GetValueOrDefault("io", "host") switch
            {
                "host" => BenchIo.Host,
                "views" => BenchIo.Views,
                "pinned" => BenchIo.Pinned,
                "device" => BenchIo.Device,
                var other => throw new UserError($"--io {other}: expected host, views, pinned or device"),
            };
            var fixedBatch = bool.Parse(values.GetValueOrDefault("fixed-batch", "false"));
            return new Arguments(model, provider, batches, values.GetValueOrDefault("input"), values.GetValueOrDefault("dump"), seconds,
                values.GetValueOrDefault("json"), cudaOptions, values.GetValueOrDefault("profile"), io, fixedBatch, values.GetValueOrDefault("save-optimized"),
                int.Parse(values.GetValueOrDefault("warmups", "3"), CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("min-runs", "5"), CultureInfo.InvariantCulture));
        }
    }
}
