import * as Y from 'yjs';
import { DeletedRanges } from './deleted-ranges';
import type { Folded, StateFolder } from './state-folder';

/** The encoding of a document with nothing in it: no structs, no deletions. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Updates are merged into the state in batches: a merge costs the document's size plus
 * about 10 µs per update (2.5 ms for 200 updates into the example with 100,000 updates of
 * history; 11–25 ms for 256 into the 700 KB text B1 leaves), so once per batch, not per
 * keystroke, and for a large text only once the batch is an eighth of it (or 64 KiB):
 * the relay stalls for the merge, so it must stay rare.
 */
const FOLD_AFTER_UPDATES = 256;
const FOLD_SHARE = 8;
const FOLD_AFTER_BYTES = 64 * 1024;
/** With a folder: a tail this large while a fold is under way is folded here (the folder is stuck or failing). */
const FOLD_HERE_AFTER_BYTES = 16 * FOLD_AFTER_BYTES;

/**
 * A document's text kept as its Yjs encoding, never as a long-lived Y.Doc. A Y.Doc holds an
 * object per item its history left behind, tombstones included (B3: the example after
 * 100,000 updates of history took 1.69 times the heap it took after 1,000); the encoding
 * costs a few bytes per item, about a fifth of the Y.Doc. The server only stores, relays
 * and answers sync, which Yjs does on encodings (mergeUpdates, diffUpdate,
 * encodeStateVectorFromUpdate); what reads or changes the text gets a Y.Doc of its own.
 */
export class EncodedState {
  /** Everything up to the last fold, merged into one update. */
  private merged: Uint8Array;
  /** Added since the last fold, in order. */
  private unfolded: Uint8Array[] = [];
  private unfoldedBytes = 0;
  private vector: Uint8Array | null = null;
  /**
   * What the state contains (its state vector and deleted ranges), kept current as
   * updates are added: a client's sync step 2 after a reconnect repeats its whole delete
   * set, which must not be stored and sent to everyone again each time.
   */
  private clocks: Map<number, number>;
  private deleted: DeletedRanges;
  /** Size right after tombstones' content was last dropped, and what was deleted since. */
  private collectedBytes: number;
  private deletedSinceCollected = 0;
  /**
   * Where a client's structs arrived ahead of a gap (client → end of the furthest):
   * `clocks` undercounts that client until the gap is filled and the state read again.
   */
  private ahead = new Map<number, number>();
  /** How many added updates `merged` holds (the first `folded` ones; `unfolded` holds the rest). */
  private folded = 0;
  /** The fold under way on the folder, if any. */
  private folding: Promise<unknown> | null = null;

  /**
   * `folder`: where the batches are merged (off the relay's thread); without one, and when it
   * fails, they are merged here.
   */
  constructor(
    update: Uint8Array = EMPTY_UPDATE,
    private readonly onUnmergeable?: (e: unknown) => void,
    private readonly folder?: StateFolder,
  ) {
    this.merged = collectGarbage(update);
    this.collectedBytes = this.merged.byteLength;
    ({ clocks: this.clocks, deleted: this.deleted } = contentsOf(this.merged));
  }

  /**
   * Takes an update in, unless it brings nothing the state lacks (then `added` is false
   * and nothing changes). `structural`: it may have changed the text's structure (new
   * elements, attributes, deletions) rather than only typed into it.
   */
  add(update: Uint8Array): { added: boolean; structural: boolean } {
    const { structs, ds } = Y.decodeUpdate(update);
    const clocks = this.clocks;
    const fresh = structs.some((s) => !(s instanceof Y.Skip) && (clocks.get(s.id.client) ?? 0) < s.id.clock + s.length);
    if (!fresh && this.deleted.covers(ds)) return { added: false, structural: false };
    let structural = ds.clients.size > 0;
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const { client, clock } = s.id;
      const have = clocks.get(client) ?? 0;
      // Only contiguous growth counts: after a gap the state does not have it all yet.
      if (clock <= have) clocks.set(client, Math.max(have, clock + s.length));
      else this.ahead.set(client, Math.max(this.ahead.get(client) ?? 0, clock + s.length));
      if (
        s instanceof Y.Item &&
        (s.parentSub !== null || !(s.content instanceof Y.ContentString || s.content instanceof Y.ContentFormat))
      ) {
        structural = true;
      }
    }
    this.deleted.add(ds);
    for (const items of ds.clients.values()) for (const item of items) this.deletedSinceCollected += item.len;
    this.unfolded.push(update);
    this.unfoldedBytes += update.byteLength;
    this.vector = null;
    const batchDue =
      this.unfolded.length >= FOLD_AFTER_UPDATES && this.unfoldedBytes * FOLD_SHARE >= this.merged.byteLength;
    if (batchDue || this.unfoldedBytes >= FOLD_AFTER_BYTES) {
      if (!this.folder || this.unfoldedBytes >= FOLD_HERE_AFTER_BYTES) this.fold();
      else this.foldElsewhere(false);
    }
    return { added: true, structural };
  }

  /** For sync step 1. */
  stateVector(): Uint8Array {
    // With a folder, the tail is not merged here for it: the clocks kept as updates came in
    // are the state vector, unless an update came ahead of a gap.
    if (this.folder && this.unfolded.length > 0 && this.ahead.size === 0) return Y.encodeStateVector(this.clocks);
    this.fold();
    this.vector ??= Y.encodeStateVectorFromUpdate(this.merged);
    return this.vector;
  }

  /**
   * The same as `missingFrom`, worked out on the folder (merging the tail and diffing a large
   * text would stall the relay): it holds at least everything added before the call.
   */
  async missingFromElsewhere(stateVector: Uint8Array): Promise<Uint8Array> {
    if (!this.folder) return this.missingFrom(stateVector);
    const newcomer = Y.decodeStateVector(stateVector).size === 0;
    while (this.folding) await this.folding.catch(() => {});
    if (newcomer && this.unfolded.length === 0) return this.merged;
    const folded = await this.foldElsewhere(false, newcomer ? undefined : stateVector);
    if (!folded) return this.missingFrom(stateVector);
    return folded.missing ?? folded.state;
  }

  /** For sync step 2: what a client with `stateVector` lacks. A newcomer gets the whole state. */
  missingFrom(stateVector: Uint8Array): Uint8Array {
    this.fold();
    return Y.decodeStateVector(stateVector).size === 0 ? this.merged : Y.diffUpdate(this.merged, stateVector);
  }

  /** The whole state as one update. */
  encoded(): Uint8Array {
    this.fold();
    return this.merged;
  }

  /**
   * The whole state with the content of deleted items dropped, as a snapshot stores it.
   * Only re-encoded when something was deleted since it last was: re-encoding a 1 MB text
   * stalls the relay for tens of milliseconds and, with nothing deleted, frees nothing.
   */
  collected(): Uint8Array {
    this.fold();
    if (this.deletedSinceCollected === 0) return this.merged;
    this.merged = collectGarbage(this.merged);
    this.collectedBytes = this.merged.byteLength;
    this.deletedSinceCollected = 0;
    return this.merged;
  }

  /**
   * The same as `collected()`, made on the folder: the state holds at least everything added
   * before the call. Without a folder, or when it fails, made here.
   */
  async collectedElsewhere(): Promise<Uint8Array> {
    if (!this.folder) return this.collected();
    while (this.folding) await this.folding.catch(() => {});
    if (this.unfolded.length === 0 && this.deletedSinceCollected === 0) return this.merged;
    const folded = await this.foldElsewhere(this.deletedSinceCollected > 0);
    return folded?.state ?? this.collected();
  }

  /** A Y.Doc holding everything, to read or change the text; the caller destroys it. */
  toDoc(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.encoded());
    return doc;
  }

  /** Bytes held (for the benchmark's memory reading). */
  get byteLength(): number {
    return this.merged.byteLength + this.unfoldedBytes;
  }

  /**
   * Hands the tail to the folder and takes its result in when it comes, unless this thread
   * folded past it meanwhile (a newcomer's sync). Updates added meanwhile stay in the tail.
   */
  private foldElsewhere(collect: boolean, diff?: Uint8Array): Promise<Folded | null> {
    if (this.folding || !this.folder || (this.unfolded.length === 0 && !diff)) return Promise.resolve(null);
    const upTo = this.folded + this.unfolded.length;
    const deleted = this.deletedSinceCollected;
    const job = this.folder
      .fold({
        state: this.merged,
        updates: this.unfolded.slice(),
        collect: { always: collect, collectedBytes: this.collectedBytes, deleted },
        diff,
      })
      .then(
        (result) => {
          this.adopt(result, upTo, deleted);
          return result;
        },
        () => null,
      );
    this.folding = job;
    void job.finally(() => {
      if (this.folding === job) this.folding = null;
    });
    return job;
  }

  private adopt(result: Folded, upTo: number, deletedAtStart: number) {
    if (result.failure) this.onUnmergeable?.(new Error(result.failure));
    if (upTo <= this.folded) return;
    const taken = this.unfolded.splice(0, upTo - this.folded);
    for (const u of taken) this.unfoldedBytes -= u.byteLength;
    this.folded = upTo;
    this.merged = result.state;
    this.vector = null;
    if (result.collected) {
      this.collectedBytes = this.merged.byteLength;
      this.deletedSinceCollected = Math.max(0, this.deletedSinceCollected - deletedAtStart);
    }
    if (!result.exact) {
      // An update did not merge: what the state holds is read again (rare; costs a fold here).
      this.fold();
      ({ clocks: this.clocks, deleted: this.deleted } = contentsOf(this.merged));
    } else if (this.ahead.size) {
      // Both are what the state certainly holds: the clocks kept here, and the folded state's.
      for (const [client, clock] of Y.decodeStateVector(result.vector))
        if (clock > (this.clocks.get(client) ?? 0)) this.clocks.set(client, clock);
    }
    for (const [client, end] of this.ahead) if ((this.clocks.get(client) ?? 0) >= end) this.ahead.delete(client);
  }

  private fold() {
    if (this.unfolded.length === 0) return;
    this.folded += this.unfolded.length;
    // The clocks and deleted ranges add() kept are exact unless an update came ahead of a
    // gap or failed to merge; only then are they read again from the state (reading them
    // costs about what the merge does).
    let deletedExact = true;
    try {
      this.merged = Y.mergeUpdates([this.merged, ...this.unfolded]);
    } catch {
      // An update the guard let through does not merge: the others must still be served.
      for (const update of this.unfolded) {
        try {
          this.merged = Y.mergeUpdates([this.merged, update]);
        } catch (e) {
          deletedExact = false;
          this.onUnmergeable?.(e);
        }
      }
    }
    this.unfolded = [];
    this.unfoldedBytes = 0;
    // Merging keeps what deleted items contained (a Y.Doc would drop it): drop it once a
    // good share of the text was deleted, so typing and erasing for hours costs what the
    // text does, not what was ever typed; and once the state has doubled (re-encoding
    // also joins the items each keystroke left separate).
    if (
      this.deletedSinceCollected > this.collectedBytes / 4 + 4096 ||
      this.merged.byteLength > this.collectedBytes * 2 + 4096
    ) {
      try {
        this.merged = collectGarbage(this.merged);
      } catch (e) {
        // Dropping deleted content is an economy: without it the state is still whole.
        this.onUnmergeable?.(e);
      }
      this.collectedBytes = this.merged.byteLength;
      this.deletedSinceCollected = 0;
    }
    if (!deletedExact) ({ clocks: this.clocks, deleted: this.deleted } = contentsOf(this.merged));
    else if (this.ahead.size) this.clocks = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(this.merged));
    for (const [client, end] of this.ahead) if ((this.clocks.get(client) ?? 0) >= end) this.ahead.delete(client);
  }
}

/** Re-encodes through a Y.Doc, which replaces deleted content by its length. */
function collectGarbage(update: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function contentsOf(update: Uint8Array): { clocks: Map<number, number>; deleted: DeletedRanges } {
  return {
    clocks: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)),
    deleted: DeletedRanges.of(Y.decodeUpdate(update).ds),
  };
}
