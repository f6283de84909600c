/**
 * A small argv parser for the CLI. Each command declares its flags and positionals; the
 * parser rejects what a command does not declare and checks every value, so a typo fails
 * with a message naming the flag (exit code 2) instead of running with a default.
 */

/** Bad arguments: the message names the flag; the CLI prints it with a usage hint, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Returns a problem ("is not an e-mail address") or null when the value is fine. */
export type ValueCheck = (value: string) => string | null;

export interface FlagSpec {
  /** A switch takes no value (--as-adopted); an option takes one (--email a@b.org). */
  kind: 'option' | 'switch';
  required?: boolean;
  /** Shown in help: "--email <e-mail>". */
  placeholder?: string;
  description: string;
  check?: ValueCheck;
}

export interface PositionalSpec {
  name: string;
  description: string;
  check?: ValueCheck;
}

export interface CommandSpec {
  /** "user create", "import" … */
  name: string;
  summary: string;
  positionals?: PositionalSpec[];
  flags: Record<string, FlagSpec>;
  /** Extra lines for --help (examples, what is printed). */
  notes?: string[];
}

export interface ParsedArgs {
  positionals: string[];
  /** Options given, by flag name without dashes. Required ones are always present. */
  options: Record<string, string>;
  switches: Set<string>;
}

export function usageLine(spec: CommandSpec): string {
  const parts = [`concord ${spec.name}`];
  for (const p of spec.positionals ?? []) parts.push(`<${p.name}>`);
  for (const [name, f] of Object.entries(spec.flags)) {
    const flag = f.kind === 'switch' ? `--${name}` : `--${name} <${f.placeholder ?? 'value'}>`;
    parts.push(f.required ? flag : `[${flag}]`);
  }
  return parts.join(' ');
}

export function helpText(spec: CommandSpec): string[] {
  const lines = [`usage: ${usageLine(spec)}`, '', spec.summary];
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...Object.entries(spec.flags).map(([name, f]): [string, string] => [
      f.kind === 'switch' ? `--${name}` : `--${name} <${f.placeholder ?? 'value'}>`,
      `${f.description}${f.required ? ' (required)' : ''}`,
    ]),
  ];
  if (rows.length) {
    const width = Math.max(...rows.map(([left]) => left.length));
    lines.push('', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  }
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return lines;
}

export function isHelpRequest(argv: readonly string[]): boolean {
  // After "--" everything is a positional, even "--help".
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const usage = `usage: ${usageLine(spec)}   (concord ${spec.name} --help for details)`;
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  const parsed: ParsedArgs = { positionals: [], options: {}, switches: new Set() };
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!flagsEnded && arg === '--') {
      flagsEnded = true;
      continue;
    }
    if (flagsEnded || !arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flag || !arg.startsWith('--'))
      fail(`unknown flag ${arg.slice(0, eq >= 0 ? eq : undefined)} for "concord ${spec.name}"`);
    const f = flag as FlagSpec;
    if (parsed.switches.has(name) || Object.hasOwn(parsed.options, name)) fail(`--${name} is given more than once`);
    if (f.kind === 'switch') {
      if (eq >= 0) fail(`--${name} takes no value`);
      parsed.switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined) fail(`--${name} needs a value (--${name} <${f.placeholder ?? 'value'}>)`);
    const problem = f.check?.(value as string) ?? null;
    if (problem) fail(`--${name}: ${problem}`);
    parsed.options[name] = value as string;
  }
  for (const [name, f] of Object.entries(spec.flags)) {
    if (f.required && !Object.hasOwn(parsed.options, name))
      fail(`missing required flag --${name} <${f.placeholder ?? 'value'}>`);
  }
  const expected = spec.positionals ?? [];
  if (parsed.positionals.length > expected.length) {
    fail(`unexpected argument "${parsed.positionals[expected.length]}" for "concord ${spec.name}"`);
  }
  expected.forEach((p, index) => {
    const value = parsed.positionals[index];
    if (value === undefined) fail(`missing <${p.name}>`);
    const problem = p.check?.(value) ?? null;
    if (problem) fail(`<${p.name}>: ${problem}`);
  });
  return parsed;
}

// ---- value checks shared by the commands ----

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const isEmail: ValueCheck = (v) => (EMAIL.test(v) && v.length <= 254 ? null : `"${v}" is not an e-mail address`);
export const isUuid: ValueCheck = (v) => (UUID.test(v) ? null : `"${v}" is not an id (a UUID such as 3f2b…-…)`);
export const isSlug: ValueCheck = (v) =>
  SLUG.test(v) ? null : `"${v}" is not a slug (lower-case letters, digits and hyphens, up to 64 characters)`;

export const oneOf =
  (allowed: readonly string[]): ValueCheck =>
  (v) =>
    allowed.includes(v) ? null : `"${v}" is not one of ${allowed.join(', ')}`;

export const textOfLength =
  (min: number, max: number): ValueCheck =>
  (v) => {
    const n = v.trim().length;
    if (n < min) return min === 1 ? 'must not be empty' : `must have at least ${min} characters`;
    return n > max ? `must have at most ${max} characters` : null;
  };

export const integerBetween =
  (min: number, max: number): ValueCheck =>
  (v) =>
    /^\d+$/.test(v) && +v >= min && +v <= max ? null : `"${v}" is not a whole number from ${min} to ${max}`;

/** Same bounds as the HTTP API (app/api/v1/committees/schema.ts), so both accept the same. */
export const isPassword: ValueCheck = (v) =>
  v.length < 8
    ? 'a password needs at least 8 characters'
    : v.length > 200
      ? 'a password may have at most 200 characters'
      : null;

/** `--resolution <id>`: the flag every command on one resolution takes. */
export const resolutionFlag = {
  kind: 'option',
  required: true,
  placeholder: 'resolution id',
  description: 'the resolution ("concord resolution list")',
  check: isUuid,
} as const;

/** `--as <e-mail>`: the committee member a command acts as, through the same use cases as the API. */
export const asFlag = {
  kind: 'option',
  required: true,
  placeholder: 'e-mail',
  description: 'the committee member acting',
  check: isEmail,
} as const;
