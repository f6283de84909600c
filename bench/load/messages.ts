import type { ClientSpec } from './client';
import type { HistogramData, LatencySummary } from './stats';

/** What the orchestrator and the load processes say to each other (IPC, advanced serialization). */
export type ToWorker =
  | { type: 'connect'; specs: ClientSpec[]; concurrency: number; timeoutMs: number }
  | {
      type: 'phase';
      run: number;
      rate: number;
      durationS: number;
      startUs: number;
      editors: number;
      maxSeq: number;
      serverProcesses: number;
    }
  | { type: 'finalize'; run: number; sent: Int32Array; deadlineUs: number }
  | { type: 'close' };

export interface ConnectReport {
  type: 'connected';
  ok: number;
  failures: { index: number; error: string }[];
  /** Per client: milliseconds from opening the socket to the first sync step 2. */
  connectMs: number[];
}

export interface SentReport {
  type: 'sent';
  run: number;
  /** Per global editor index: updates this process sent for it. */
  sent: Int32Array;
  /** How late sends left relative to the schedule (client-side saturation shows here). */
  scheduleLag: LatencySummary;
}

export interface VerifierReport {
  index: number;
  textHash: string;
  missingInDoc: number;
  duplicatedInDoc: number;
}

export interface PhaseReport {
  type: 'result';
  run: number;
  receivers: number;
  latency: HistogramData;
  crossProcess: HistogramData;
  withinProcess: HistogramData;
  /** Latency by the second of the phase the update was sent in. */
  bySecond: HistogramData[];
  slowest: Float64Array;
  reached: Uint32Array;
  expected: number;
  arrived: number;
  lost: number;
  duplicated: number;
  stale: number;
  unknown: number;
  disconnects: number;
  drainMs: number;
  /** Event-loop delay of this load process during the phase (ms). */
  loopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
  /** CPU of this load process during the phase, % of one core. */
  cpuPercent: number;
  verifiers: VerifierReport[];
}

export type FromWorker = ConnectReport | SentReport | PhaseReport | { type: 'error'; message: string };
