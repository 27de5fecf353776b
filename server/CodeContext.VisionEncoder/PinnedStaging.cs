using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CodeContext.VisionEncoder;

/// <summary>
/// Page-locked host buffers, from the CUDA provider's pinned allocator, that a batch's pixels are gathered
/// into and its embeddings come back through. ONNX Runtime copies a pageable buffer through a staging
/// copy at a fraction of the bus speed (a Base batch of 32 moves 400 MB of pixels); from pinned memory
/// the copy is direct. Tensors over them are labelled as plain CPU memory, so ONNX Runtime moves them
/// with its ordinary host-to-device copies. Grows to the largest batch seen; not thread-safe.
/// </summary>
internal sealed class PinnedStaging : IDisposable
{
    private readonly OrtMemoryInfo pinnedMemory;
    private readonly OrtAllocator allocator;
    private readonly long inputLength;
    private readonly long outputLength;
    private OrtMemoryAllocation? input;
    private OrtMemoryAllocation? output;
    private int capacity;

    private PinnedStaging(OrtMemoryInfo pinnedMemory, OrtAllocator allocator, long viewLength, long outputPerView)
    {
        this.pinnedMemory = pinnedMemory;
        this.allocator = allocator;
        inputLength = viewLength;
        outputLength = outputPerView;
    }

    /// <summary>Staging for a session on the CUDA provider; null when the session has no pinned allocator.</summary>
    public static PinnedStaging? TryCreate(Func<OrtMemoryInfo, OrtAllocator> createAllocator, long viewLength, long outputPerView)
    {
        var memory = new OrtMemoryInfo("CudaPinned", OrtAllocatorType.DeviceAllocator, 0, OrtMemType.CpuOutput);
        try
        {
            return new PinnedStaging(memory, createAllocator(memory), viewLength, outputPerView);
        }
        catch (OnnxRuntimeException)
        {
            memory.Dispose();
            return null;
        }
    }

    /// <summary>Input [count, ...view] and output [count, ...] tensors over the pinned buffers.</summary>
    public (OrtValue Input, OrtValue Output) Tensors(int count, long[] inputShape, long[] outputShape)
    {
        if (count > capacity)
        {
            input?.Dispose();
            output?.Dispose();
            input = allocator.Allocate(checked((uint)(count * inputLength * sizeof(float))));
            output = allocator.Allocate(checked((uint)(count * outputLength * sizeof(float))));
            capacity = count;
        }
        var inputValue = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, inputShape, input!.DangerousGetHandle(),
            count * inputLength * sizeof(float));
        var outputValue = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, outputShape, output!.DangerousGetHandle(),
            count * outputLength * sizeof(float));
        return (inputValue, outputValue);
    }

    public void Dispose()
    {
        input?.Dispose();
        output?.Dispose();
        allocator.Dispose();
        pinnedMemory.Dispose();
    }
}
