import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { keyOutsideDatabase } from './audit-key';
import { CHOICES, type Choice } from '../lib/votes/types';

/**
 * The seal of a secret ballot's choice (issue 11 §2). A secret ballot is stored as its
 * delegation's participation row carrying its choice sealed — AES-256-GCM under a key kept
 * outside the database — and the sealed choices are opened and counted only when the vote
 * closes, in the closing transaction, which then erases them. While the vote is open nothing
 * stored moves with a choice: a ballot written alone (a batch of one) changes the same rows
 * whatever it chose, so reading the write-ahead log or the data files around its transaction
 * tells only that the delegation has voted.
 *
 * The key: CONCORD_BALLOT_KEY (at least 32 characters), the same for every process of an
 * installation, or `ballot.key` in the data folder (0600), created on first use. It is not
 * the audit key: whoever verifies the audit chain holds that one, and must not thereby be
 * able to open ballots.
 *
 * Every seal has the same length (one byte of choice), a fresh nonce, and is bound to its
 * vote and delegation (GCM's associated data): a sealed choice copied into another row does
 * not open.
 */
export const BALLOT_KEY_FILE = 'ballot.key';
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function sealKey(): Buffer {
  return Buffer.from(
    hkdfSync('sha256', keyOutsideDatabase('CONCORD_BALLOT_KEY', BALLOT_KEY_FILE), '', 'concord-ballot-seal-v1', 32),
  );
}

const boundTo = (voteId: string, delegationId: string) => Buffer.from(`concord-ballot\n${voteId}\n${delegationId}`);

export function sealChoice(voteId: string, delegationId: string, choice: Choice): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealKey(), nonce);
  cipher.setAAD(boundTo(voteId, delegationId));
  const sealed = Buffer.concat([cipher.update(Uint8Array.of(CHOICES.indexOf(choice))), cipher.final()]);
  return Buffer.concat([Uint8Array.of(VERSION), nonce, sealed, cipher.getAuthTag()]);
}

/** Thrown when a seal does not open: another installation's key, or a changed row. */
export class UnopenableBallot extends Error {}

export function openChoice(voteId: string, delegationId: string, seal: Uint8Array): Choice {
  const bytes = Buffer.from(seal);
  if (bytes.length !== 1 + NONCE_BYTES + 1 + TAG_BYTES || bytes[0] !== VERSION) throw new UnopenableBallot();
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(), bytes.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(boundTo(voteId, delegationId));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
    const choice = CHOICES[plain[0]];
    if (plain.length !== 1 || !choice) throw new UnopenableBallot();
    return choice;
  } catch {
    throw new UnopenableBallot();
  }
}
