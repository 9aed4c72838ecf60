using System.Buffers;
using System.Globalization;
using System.Text;

namespace CouplingPortal.DataverseEmulator.Batch;

/// <summary>
/// A growable UTF-8 byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: a $batch answer of several hundred KB is
/// encoded once, into an array that is reused by the next batch, instead of a StringBuilder, its string and the encoding.
/// Whoever writes it out calls <see cref="Dispose"/> to give the array back.
/// </summary>
internal sealed class PooledUtf8Buffer : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public PooledUtf8Buffer Append(string? value)
    {
        if (string.IsNullOrEmpty(value)) return this;
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>Appends an ASCII character (the only kind the multipart framing uses).</summary>
    public PooledUtf8Buffer Append(char ascii)
    {
        Ensure(1);
        _buffer[_length++] = (byte)ascii;
        return this;
    }

    public PooledUtf8Buffer Append(int value)
    {
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Appends a GUID in its "D" form (36 ASCII characters).</summary>
    public PooledUtf8Buffer Append(Guid value)
    {
        Ensure(36);
        value.TryFormat(_buffer.AsSpan(_length), out var written, "D");
        _length += written;
        return this;
    }

    /// <summary>Reads a whole stream (a $batch request body) into a pooled buffer.</summary>
    public static async Task<PooledUtf8Buffer> ReadAsync(Stream stream, long? contentLength, CancellationToken ct)
    {
        var buffer = new PooledUtf8Buffer();
        try
        {
            if (contentLength is > 0 and < int.MaxValue) buffer.Ensure((int)contentLength.Value);
            while (true)
            {
                buffer.Ensure(4096);
                var read = await stream.ReadAsync(buffer._buffer.AsMemory(buffer._length), ct);
                if (read == 0) return buffer;
                buffer._length += read;
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        _length = 0;
    }
}
