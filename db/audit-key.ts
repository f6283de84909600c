import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv } from './client';
import { PRIVATE_DIR_MODE } from './data-folder';

/**
 * The key of the audit chain's HMAC (lib/audit/chain.ts). It is kept outside the database,
 * so that write access to the database is not enough to rewrite the record:
 *
 * - CONCORD_AUDIT_KEY when set (at least 32 characters: e.g. `openssl rand -base64 32`),
 *   required when several hosts share one PostgreSQL database — they must all sign with it;
 * - otherwise the file `audit.key` in the data folder, created on first use with 32 random
 *   bytes (written as base64url) and mode 0600.
 *
 * The key is the UTF-8 bytes of that text, trimmed — exactly what an outside verifier
 * passes to its HMAC (README, "Security").
 */
export const AUDIT_KEY_FILE = 'audit.key';
const MIN_KEY_LENGTH = 32;

const slot = globalThis as unknown as { __concordKeys?: Map<string, Buffer> };

export function auditKeyPath(dataDir = dataDirFromEnv()): string {
  return path.join(dataDir, AUDIT_KEY_FILE);
}

/** The key, read (or created) once per process. */
export function auditKey(): Buffer {
  return keyOutsideDatabase('CONCORD_AUDIT_KEY', AUDIT_KEY_FILE);
}

/**
 * A key kept outside the database (the audit chain's, the secret ballots' seal): the
 * environment variable `env` when set, otherwise `file` in the data folder, created on first
 * use with 32 random bytes (base64url) and mode 0600. Read once per process and source.
 */
export function keyOutsideDatabase(env: string, file: string): Buffer {
  const fromEnv = process.env[env];
  const source = fromEnv ? `env:${env}` : path.join(dataDirFromEnv(), file);
  slot.__concordKeys ??= new Map();
  const known = slot.__concordKeys.get(source);
  if (known) return known;
  const key = fromEnv ? keyFromText(fromEnv, env) : keyFromFile(source);
  slot.__concordKeys.set(source, key);
  return key;
}

function keyFromText(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (trimmed.length < MIN_KEY_LENGTH)
    throw new Error(`${where} must hold at least ${MIN_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`);
  return Buffer.from(trimmed, 'utf8');
}

function keyFromFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: link fails if the file exists, so two processes
    // starting together keep one key, and neither ever reads a half-written one.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(aside);
    }
  }
  const stat = fs.statSync(file);
  if (stat.mode & 0o077) fs.chmodSync(file, 0o600);
  return keyFromText(fs.readFileSync(file, 'utf8'), file);
}
