namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// A small, fast, explicitly specified pseudo-random generator (xoshiro256** seeded through SplitMix64), so demo data is
/// identical on every runtime version and platform; <see cref="Random"/>'s algorithm is not part of its contract.
/// </summary>
internal sealed class DemoRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public DemoRandom(long seed, long stream)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xD1B54A32D192ED03UL ^ 0x2545F4914F6CDD1DUL);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            return minInclusive;
        }

        var range = (ulong)(maxExclusive - minInclusive);
        return minInclusive + (int)(NextUInt64() % range);
    }

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Uniform in [min, max).</summary>
    public double Between(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Log-normal with the given median and log-space spread.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Gaussian());

    /// <summary>Exponentially distributed waiting time with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public double Gaussian()
    {
        // Box-Muller; one value per call keeps the stream simple and reproducible.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>Picks an item with probability proportional to its weight.</summary>
    public T Pick<T>(IReadOnlyList<(T Item, double Weight)> weighted)
    {
        double total = 0;
        for (var i = 0; i < weighted.Count; i++)
        {
            total += weighted[i].Weight;
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weighted.Count; i++)
        {
            x -= weighted[i].Weight;
            if (x < 0)
            {
                return weighted[i].Item;
            }
        }

        return weighted[^1].Item;
    }

    /// <summary>Random base-62 characters, as in processor object ids.</summary>
    public void FillBase62(Span<char> destination)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = alphabet[(int)(NextUInt64() % 62)];
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
