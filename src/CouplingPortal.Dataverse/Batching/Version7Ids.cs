using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CouplingPortal.Dataverse.Batching;

/// <summary>
/// Version 7 GUIDs (RFC 9562: Unix milliseconds, then random bits) for the client-generated primary keys of batched
/// creates. <see cref="Guid.CreateVersion7()"/> asks the operating system for randomness on every call (a getrandom
/// system call on Linux, about 0.9 µs); here the same cryptographic randomness is fetched for 256 ids at a time.
/// </summary>
internal static class Version7Ids
{
    private const int RandomBytesPerId = 10;
    private const int IdsPerFill = 256;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_offset;

    public static Guid New()
    {
        var random = t_random;
        if (random is null || t_offset >= random.Length)
        {
            random = t_random ??= new byte[RandomBytesPerId * IdsPerFill];
            RandomNumberGenerator.Fill(random);
            t_offset = 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], milliseconds << 16);
        random.AsSpan(t_offset, RandomBytesPerId).CopyTo(bytes[6..]);
        t_offset += RandomBytesPerId;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
