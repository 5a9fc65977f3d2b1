'use strict';

const round = (value, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || !b ? null : round(a / b, 3));

/** Latency histogram with 0.1 ms buckets up to 30 s; beyond that, only the count and the maximum are exact. */
class Histogram {
  constructor(maxMs = 30_000, stepMs = 0.1) {
    this.stepMs = stepMs;
    this.buckets = new Uint32Array(Math.ceil(maxMs / stepMs) + 1);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }

  record(ms) {
    const value = ms < 0 ? 0 : ms;
    const index = Math.min(this.buckets.length - 1, Math.floor(value / this.stepMs));
    this.buckets[index] += 1;
    this.count += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  /** Adds another histogram's samples (of the same buckets) to this one. */
  merge(other) {
    for (let i = 0; i < this.buckets.length; i += 1) this.buckets[i] += other.buckets[i];
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  percentile(p) {
    if (this.count === 0) return null;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i += 1) {
      seen += this.buckets[i];
      if (seen >= rank) return Math.min(this.max, (i + 1) * this.stepMs);
    }
    return this.max;
  }

  summary() {
    return {
      p50: round(this.percentile(50)),
      p99: round(this.percentile(99)),
      max: round(this.count ? this.max : null),
      mean: round(this.count ? this.sum / this.count : null),
      samples: this.count,
    };
  }
}

module.exports = { Histogram, round, ratio };
