import { count, desc, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../client';
import { auditEvents } from '../schema';
import { auditKey } from '../audit-key';
import { together } from '../together';
import { GENESIS_HASH, isLegacy, isSealed, KEYED_CHAIN_ACTION, sealEntry } from '../../lib/audit/chain';

export interface AuditAct {
  committeeId: string;
  resolutionId?: string | null;
  actorId?: string | null;
  /** "resolution.stage_changed", "amendment.tabled", "ballot.cast", … */
  action: string;
  details: Record<string, unknown>;
}

/** Serialises appenders across processes: two rows chained to the same predecessor would read as tampering. */
const APPEND_LOCK = 7263515;
/** The committee of acts that belong to the installation, not to a committee (no row has this id). */
export const INSTALLATION_COMMITTEE = '00000000-0000-0000-0000-000000000000';

/**
 * Appends one procedural act to the keyed hash chain (lib/audit/chain.ts). Call it inside
 * the transaction of the act itself, so the act and its record commit together.
 */
export async function recordAuditEvent(tx: Queryable, act: AuditAct): Promise<void> {
  await recordAuditEvents(tx, [act]);
}

/**
 * Appends several acts of one transaction (a batch of ballots) in order: one lock, one read
 * of the chain's head, the entries chained here and written in one INSERT. Its rows take
 * their seq in the order of the VALUES list, which is the order they are chained in.
 */
export async function recordAuditEvents(tx: Queryable, acts: readonly AuditAct[]): Promise<void> {
  if (acts.length === 0) return;
  await appendAuditEvents(tx, await auditChainHead(tx), acts);
}

/** The chain's head, read under the append lock, which the transaction holds from then on. */
export interface AuditChainHead {
  key: Buffer;
  hash: string;
}

/**
 * The first half of recordAuditEvents: takes the append lock and reads the chain's head,
 * the two statements sent together (one round trip). A caller with other statements to
 * send may send them beside it, then append with `appendAuditEvents` in the same transaction.
 */
export async function auditChainHead(tx: Queryable): Promise<AuditChainHead> {
  const key = auditKey(); // before the lock: a missing key fails the act, not the chain
  const [, [last]] = await together(
    tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`),
    tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1),
  );
  return { key, hash: last?.hash ?? GENESIS_HASH };
}

/** The second half: the acts chained to `head` and written in one INSERT, in order. */
export function appendAuditEvents(tx: Queryable, head: AuditChainHead, acts: readonly AuditAct[]): Promise<void> {
  if (acts.length === 0) return Promise.resolve();
  const { key } = head;
  let prevHash = head.hash;
  const at = new Date();
  const rows = acts.map((act) => {
    const entry = {
      committeeId: act.committeeId,
      resolutionId: act.resolutionId ?? null,
      actorId: act.actorId ?? null,
      action: act.action,
      details: act.details,
      at: at.toISOString(),
    };
    const hash = sealEntry(key, { prevHash, ...entry });
    const row = { ...entry, at, prevHash, hash };
    prevHash = hash;
    return row;
  });
  return insertRows(tx, rows);
}

/**
 * The entries in one statement whatever their number, their values as one JSON parameter:
 * a multi-row VALUES of 190 ballots' entries (eight parameters each) cost more to build and
 * parse than to write. Sequence numbers follow the order given (the chain's order).
 */
/** Sent at once (see together.ts): the caller may send other statements right behind it. */
function insertRows(
  tx: Queryable,
  rows: readonly {
    committeeId: string;
    resolutionId: string | null;
    actorId: string | null;
    action: string;
    details: Record<string, unknown>;
    at: Date;
    prevHash: string;
    hash: string;
  }[],
): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => ({
      committee_id: r.committeeId,
      resolution_id: r.resolutionId,
      actor_id: r.actorId,
      action: r.action,
      details: r.details,
      at: r.at.toISOString(),
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  return new Promise<void>((resolve, reject) =>
    tx
      .execute(
        sql`
    insert into ${auditEvents} (committee_id, resolution_id, actor_id, action, details, at, prev_hash, hash)
    select e.committee_id, e.resolution_id, e.actor_id, e.action, e.details, e.at, e.prev_hash, e.hash
    from rows from (
      jsonb_to_recordset(${json}::jsonb) as (
        committee_id uuid, resolution_id uuid, actor_id uuid, action text, details jsonb,
        at timestamptz, prev_hash text, hash text
      )
    ) with ordinality as e(committee_id, resolution_id, actor_id, action, details, at, prev_hash, hash, n)
    order by e.n`,
      )
      .then(() => resolve(), reject),
  );
}

export const FOREIGN_CHAIN_WARNING =
  'the last entry of the audit chain is not sealed with this audit key: CONCORD_AUDIT_KEY (or audit.key in the data folder) is not the key the chain was recorded with, or the chain was tampered with; run "concord audit verify"';

export type ChainKeying = 'empty' | 'keyed' | 'sealed-legacy' | 'foreign';

/**
 * At start (server, CLI): a chain recorded before the key existed gets its first keyed
 * entry now, chained to its last plain one, which pins every entry before it. Returns what
 * it found: 'foreign' means the last entry is neither plain nor sealed with this key — the
 * key is not the one the chain was recorded with (or the chain was tampered with), which
 * `audit verify` will report; nothing is appended then.
 */
export async function keyAuditChain(db: Db): Promise<ChainKeying> {
  const key = auditKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
    const [last] = await tx.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    if (!last) return 'empty';
    if (isSealed(key, last)) return 'keyed';
    if (!isLegacy(last)) return 'foreign';
    const [{ n }] = await tx.select({ n: count() }).from(auditEvents);
    await recordAuditEvent(tx, {
      committeeId: INSTALLATION_COMMITTEE,
      action: KEYED_CHAIN_ACTION,
      details: { algorithm: 'HMAC-SHA256', legacyEntries: Number(n), legacyHead: last.hash },
    });
    return 'sealed-legacy';
  });
}
