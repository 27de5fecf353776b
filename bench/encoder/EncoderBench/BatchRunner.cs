using System.Runtime.InteropServices;
using CodeContext.Core;
using CodeContext.VisionEncoder;
using Microsoft.ML.OnnxRuntime;

namespace CodeContext.Bench.Encoder;

/// <summary>Where the benchmark keeps a batch's input and output while it times the model.</summary>
internal enum BenchIo
{
    Host,
    Views,
    Pinned,
    Device,
}

/// <summary>One batch, ready to run repeatedly through a model in one of the <see cref="BenchIo"/> ways.</summary>
internal abstract class BatchRunner : IDisposable
{
    protected BatchRunner(OnnxViewModel model, int batch)
    {
        Model = model;
        Batch = batch;
        OutputLength = (long)batch * model.Tokens * model.OutputDim;
    }

    protected OnnxViewModel Model { get; }

    protected int Batch { get; }

    protected long OutputLength { get; }

    protected long[] InputShape => [Batch, 3, Model.ImageSize, Model.ImageSize];

    protected long[] OutputShape => [Batch, Model.Tokens, Model.OutputDim];

    public static BatchRunner Create(BenchIo io, OnnxViewModel model, float[] pixels, int batch) => io switch
    {
        BenchIo.Host => new HostRunner(model, pixels, batch),
        BenchIo.Views => new ViewsRunner(model, pixels, batch),
        BenchIo.Pinned => new PinnedRunner(model, pixels, batch),
        BenchIo.Device => new DeviceRunner(model, pixels, batch),
        _ => throw new ArgumentOutOfRangeException(nameof(io)),
    };

    public abstract void Run();

    /// <summary>The last run's output, [batch, tokens, dim], on the host.</summary>
    public abstract float[] ReadOutput();

    public abstract void Dispose();

    private sealed class HostRunner(OnnxViewModel model, float[] pixels, int batch) : BatchRunner(model, batch)
    {
        private readonly float[] output = new float[(long)batch * model.Tokens * model.OutputDim];

        public override void Run() => Model.Run(pixels, Batch, output);

        public override float[] ReadOutput() => output;

        public override void Dispose()
        {
        }
    }

    /// <summary>What codecontext runs: one array per view, gathered into the batch (through pinned staging on
    /// CUDA) and split back into one array per view.</summary>
    private sealed class ViewsRunner : BatchRunner
    {
        private readonly float[][] views;
        private float[][] outputs = [];

        public ViewsRunner(OnnxViewModel model, float[] pixels, int batch) : base(model, batch)
        {
            views = [.. Enumerable.Range(0, batch).Select(i => pixels.AsSpan(i * model.ViewLength, model.ViewLength).ToArray())];
        }

        public override void Run() => outputs = Model.Run(views);

        public override float[] ReadOutput() => [.. outputs.SelectMany(o => o)];

        public override void Dispose()
        {
        }
    }

    /// <summary>Input and output tensors in CUDA pinned host memory from the session's own allocator (labelled
    /// as CPU memory, as ONNX Runtime's own staging is), the input filled once.</summary>
    private sealed class PinnedRunner : BatchRunner
    {
        private readonly OrtMemoryInfo memory = new("CudaPinned", OrtAllocatorType.DeviceAllocator, 0, OrtMemType.CpuOutput);
        private readonly OrtAllocator allocator;
        private readonly OrtMemoryAllocation inputBuffer;
        private readonly OrtMemoryAllocation outputBuffer;
        private readonly OrtValue input;
        private readonly OrtValue output;
        private readonly OrtIoBinding binding;

        public PinnedRunner(OnnxViewModel model, float[] pixels, int batch) : base(model, batch)
        {
            allocator = model.CreateAllocator(memory);
            var inputBytes = (long)batch * model.ViewLength * sizeof(float);
            inputBuffer = allocator.Allocate(checked((uint)inputBytes));
            outputBuffer = allocator.Allocate(checked((uint)(OutputLength * sizeof(float))));
            input = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, InputShape,
                inputBuffer.DangerousGetHandle(), inputBytes);
            pixels.AsSpan(0, batch * model.ViewLength).CopyTo(input.GetTensorMutableDataAsSpan<float>());
            output = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, OutputShape,
                outputBuffer.DangerousGetHandle(), OutputLength * sizeof(float));
            binding = model.CreateIoBinding();
            binding.BindInput(OnnxViewModel.InputName, input);
            binding.BindOutput(OnnxViewModel.OutputName, output);
        }

        public override void Run() => Model.RunWithBinding(binding);

        public override float[] ReadOutput() => output.GetTensorDataAsSpan<float>().ToArray();

        public override void Dispose()
        {
            binding.Dispose();
            output.Dispose();
            input.Dispose();
            outputBuffer.Dispose();
            inputBuffer.Dispose();
            allocator.Dispose();
            memory.Dispose();
        }
    }

    /// <summary>Input and output in device memory (cudaMalloc), the input copied there once.</summary>
    private sealed class DeviceRunner : BatchRunner
    {
        private readonly OrtMemoryInfo memory = new("Cuda", OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);
        private readonly IntPtr inputBuffer;
        private readonly IntPtr outputBuffer;
        private readonly OrtValue input;
        private readonly OrtValue output;
        private readonly OrtIoBinding binding;

        public DeviceRunner(OnnxViewModel model, float[] pixels, int batch) : base(model, batch)
        {
            var inputBytes = (long)batch * model.ViewLength * sizeof(float);
            inputBuffer = CudaRuntime.Allocate(inputBytes);
            outputBuffer = CudaRuntime.Allocate(OutputLength * sizeof(float));
            CudaRuntime.CopyToDevice(inputBuffer, pixels, inputBytes);
            input = OrtValue.CreateTensorValueWithData(memory, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, InputShape, inputBuffer, inputBytes);
            output = OrtValue.CreateTensorValueWithData(memory, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, OutputShape, outputBuffer,
                OutputLength * sizeof(float));
            binding = model.CreateIoBinding();
            binding.BindInput(OnnxViewModel.InputName, input);
            binding.BindOutput(OnnxViewModel.OutputName, output);
        }

        public override void Run() => Model.RunWithBinding(binding);

        public override float[] ReadOutput()
        {
            var values = new float[OutputLength];
            CudaRuntime.CopyToHost(values, outputBuffer, OutputLength * sizeof(float));
            return values;
        }

        public override void Dispose()
        {
            binding.Dispose();
            output.Dispose();
            input.Dispose();
            CudaRuntime.Free(outputBuffer);
            CudaRuntime.Free(inputBuffer);
            memory.Dispose();
        }
    }
}

/// <summary>The few CUDA runtime calls the device-memory benchmark needs (CUDA 13, as ONNX Runtime 1.31's provider).</summary>
internal static class CudaRuntime
{
    private const string Library = "libcudart.so.13";

    public static IntPtr Allocate(long bytes)
    {
        Check(cudaMalloc(out var pointer, (nuint)bytes), "cudaMalloc");
        return pointer;
    }

    public static void Free(IntPtr pointer) => Check(cudaFree(pointer), "cudaFree");

    public static void CopyToDevice(IntPtr device, float[] host, long bytes)
    {
        var handle = GCHandle.Alloc(host, GCHandleType.Pinned);
        try
        {
            Check(cudaMemcpy(device, handle.AddrOfPinnedObject(), (nuint)bytes, 1), "cudaMemcpy (host to device)");
        }
        finally
        {
            handle.Free();
        }
    }

    public static void CopyToHost(float[] host, IntPtr device, long bytes)
    {
        var handle = GCHandle.Alloc(host, GCHandleType.Pinned);
        try
        {
            Check(cudaMemcpy(handle.AddrOfPinnedObject(), device, (nuint)bytes, 2), "cudaMemcpy (device to host)");
        }
        finally
        {
            handle.Free();
        }
    }

    private static void Check(int status, string call)
    {
        if (status != 0) throw new UserError($"{call} failed with CUDA error {status}");
    }

    [DllImport(Library)]
    private static extern int cudaMalloc(out IntPtr pointer, nuint bytes);

    [DllImport(Library)]
    private static extern int cudaFree(IntPtr pointer);

    [DllImport(Library)]
    private static extern int cudaMemcpy(IntPtr destination, IntPtr source, nuint bytes, int kind);
}
