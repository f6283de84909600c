/**
 * Latency histogram in microseconds, log-linear like HdrHistogram: exact below 128 µs, then
 * 64 sub-buckets per power of two (≤ 1.6 % error). Fixed size, so the load processes can
 * ship their counts to the orchestrator and it can add them up — 18 million samples per
 * run would not fit in arrays.
 */
const SUB = 64;
const LINEAR = SUB * 2;
const MAX_US = 2 ** 31 - 1; // ~36 minutes
export const BUCKETS = LINEAR + 25 * SUB;

function bucketOf(us: number): number {
  const v = Math.min(MAX_US, Math.max(0, Math.floor(us)));
  if (v < LINEAR) return v;
  const shift = 31 - Math.clz32(v) - 6; // v >> shift lies in [64, 128)
  return LINEAR + (shift - 1) * SUB + ((v >> shift) - SUB);
}

/** The highest value a bucket holds (percentiles are reported conservatively). */
function bucketTop(index: number): number {
  if (index < LINEAR) return index;
  const shift = Math.floor((index - LINEAR) / SUB) + 1;
  const mantissa = ((index - LINEAR) % SUB) + SUB;
  return ((mantissa + 1) << shift) - 1;
}

export interface HistogramData {
  counts: Float64Array;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export class Histogram implements HistogramData {
  counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(us: number): void {
    this.counts[bucketOf(us)]++;
    this.count++;
    this.sum += us;
    if (us < this.min) this.min = us;
    if (us > this.max) this.max = us;
  }

  add(other: HistogramData): this {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** q in [0, 1]; microseconds; NaN when empty. */
  percentile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketTop(i), this.max);
    }
    return this.max;
  }

  /** Plain data for IPC (structured clone keeps the typed array). */
  toData(): HistogramData {
    return { counts: this.counts, count: this.count, sum: this.sum, min: this.min, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    return new Histogram().add(data);
  }

  summary(): LatencySummary {
    const ms = (us: number) => (Number.isFinite(us) ? Math.round(us / 10) / 100 : null);
    return {
      samples: this.count,
      p50Ms: ms(this.percentile(0.5)),
      p90Ms: ms(this.percentile(0.9)),
      p99Ms: ms(this.percentile(0.99)),
      p999Ms: ms(this.percentile(0.999)),
      maxMs: ms(this.count ? this.max : NaN),
      meanMs: ms(this.count ? this.sum / this.count : NaN),
    };
  }
}

export interface LatencySummary {
  samples: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
}

/** Percentile of a small array of plain numbers (connect times, open times). */
export function percentileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]) => percentileOf(values, 0.5);
