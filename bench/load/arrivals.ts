import { Histogram } from './stats';
import { scanMarkers } from './marker';

/**
 * Per-phase accounting of marker arrivals in one load process: for every local receiver
 * and every update, how many times it arrived (first arrival gives the latency sample;
 * any later one is a duplicate), plus, per update, the slowest local arrival and how many
 * local receivers got it — the orchestrator merges those into "time until every other
 * client has it".
 */
export class ArrivalLedger {
  readonly latency = new Histogram();
  /** Arrivals whose sender talks to another server process (multi-process deployments). */
  readonly crossProcess = new Histogram();
  /** Sender and receiver on the same server process (with several processes). */
  readonly withinProcess = new Histogram();
  /**
   * The same latencies by the second of the phase their update was sent in (index 0: the
   * first second): a cold start shows as slow early seconds that the whole-phase p99 hides.
   */
  readonly bySecond: Histogram[];
  readonly slowest: Float64Array;
  readonly reached: Uint32Array;
  /** Markers of an earlier phase (late arrivals after its drain ended). */
  stale = 0;
  /** Markers naming an editor or sequence number outside this phase: never expected. */
  unknown = 0;
  firstArrivals = 0;
  private counts: Uint8Array[];
  /**
   * The last message scanned and the markers found in it (run, editor, seq, sentUs, …). A
   * broadcast reaches this process's receivers one after another with the same bytes: it
   * is scanned once, not once per receiver, so that the load process's own work (which
   * shares the machine with the server) does not grow with the receivers it holds.
   */
  private lastBytes: Buffer | null = null;
  private lastMarkers: number[] = [];

  constructor(
    readonly run: number,
    readonly editors: number,
    readonly maxSeq: number,
    /** For each local receiver slot: the global editor index it types as, or -1. */
    private ownEditor: readonly number[],
    /** For each local receiver slot: the server process it talks to. */
    private receiverProcess: readonly number[] = [],
    /** Server processes; editor e talks to process e mod serverProcesses (editors are clients 0…E-1). */
    private serverProcesses = 1,
    /** When the phase's schedule started (µs, shared clock) and how many seconds it lasts. */
    private phaseStartUs = 0,
    durationS = 0,
  ) {
    this.bySecond = Array.from({ length: Math.max(1, Math.ceil(durationS)) }, () => new Histogram());
    this.slowest = new Float64Array(editors * maxSeq);
    this.reached = new Uint32Array(editors * maxSeq);
    this.counts = ownEditor.map(() => new Uint8Array(editors * maxSeq));
  }

  record(slot: number, bytes: Buffer, arrivedUs: number): void {
    const markers = this.markersOf(bytes);
    for (let i = 0; i < markers.length; i += 4)
      this.arrive(slot, markers[i], markers[i + 1], markers[i + 2], markers[i + 3], arrivedUs);
  }

  private markersOf(bytes: Buffer): number[] {
    if (this.lastBytes?.equals(bytes)) return this.lastMarkers;
    const markers: number[] = [];
    scanMarkers(bytes, (run, editor, seq, sentUs) => markers.push(run, editor, seq, sentUs));
    // A copy: ws may hand out views of a buffer it reuses.
    this.lastBytes = Buffer.from(bytes);
    this.lastMarkers = markers;
    return markers;
  }

  private arrive(slot: number, run: number, editor: number, seq: number, sentUs: number, arrivedUs: number): void {
    if (run !== this.run) {
      this.stale++;
      return;
    }
    if (editor >= this.editors || seq >= this.maxSeq) {
      this.unknown++;
      return;
    }
    if (editor === this.ownEditor[slot]) return; // the server echoing our own edit
    const key = editor * this.maxSeq + seq;
    const counts = this.counts[slot];
    const seen = counts[key];
    if (seen < 255) counts[key] = seen + 1;
    if (seen > 0) return;
    this.firstArrivals++;
    const latency = arrivedUs - sentUs;
    this.latency.record(latency);
    const second = Math.floor((sentUs - this.phaseStartUs) / 1e6);
    this.bySecond[Math.min(this.bySecond.length - 1, Math.max(0, second))].record(latency);
    if (this.serverProcesses > 1) {
      if (editor % this.serverProcesses !== this.receiverProcess[slot]) this.crossProcess.record(latency);
      else this.withinProcess.record(latency);
    }
    if (latency > this.slowest[key]) this.slowest[key] = latency;
    this.reached[key]++;
  }

  /** Receiver-update pairs still missing, given what each editor sent. */
  missing(sent: Int32Array): number {
    return this.expected(sent) - this.firstArrivals;
  }

  expected(sent: Int32Array): number {
    const total = sent.reduce((a, b) => a + b, 0);
    let expected = 0;
    for (const own of this.ownEditor) expected += total - (own >= 0 ? sent[own] : 0);
    return expected;
  }

  /** Lost = never arrived; duplicated = arrived more than once (extra copies counted). */
  tally(sent: Int32Array): { lost: number; duplicated: number } {
    let lost = 0;
    let duplicated = 0;
    this.counts.forEach((counts, slot) => {
      for (let editor = 0; editor < this.editors; editor++) {
        if (editor === this.ownEditor[slot]) continue;
        for (let seq = 0; seq < this.maxSeq; seq++) {
          const c = counts[editor * this.maxSeq + seq];
          if (seq < sent[editor]) {
            if (c === 0) lost++;
            else duplicated += c - 1;
          } else if (c > 0) this.unknown += c;
        }
      }
    });
    return { lost, duplicated };
  }
}
