namespace OneStop.Workflows.Domain.Shared;

/// <summary>
/// Version-7 GUIDs that also increase within one millisecond in this process (RFC 9562, method 1: a 12-bit
/// counter in <c>rand_a</c>), so records written by one step sort in the order they were made.
/// </summary>
public static class SequentialGuid
{
    private static readonly Lock Gate = new();
    private static long _lastMilliseconds;
    private static int _counter;

    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        int counter;
        lock (Gate)
        {
            if (milliseconds <= _lastMilliseconds)
            {
                milliseconds = _lastMilliseconds;
                if (++_counter > 0xFFF)
                {
                    milliseconds = ++_lastMilliseconds;
                    _counter = 0;
                }
            }
            else
            {
                _lastMilliseconds = milliseconds;
                _counter = 0;
            }

            counter = _counter;
        }

        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (40 - (8 * i)));
        }

        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        return new Guid(bytes, bigEndian: true);
    }
}
