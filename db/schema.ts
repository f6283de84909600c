import { relations, sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  date,
  jsonb,
} from 'drizzle-orm/pg-core';

/** Yjs updates and snapshots are binary; PGlite and postgres-js both map bytea to bytes. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer)),
});

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  createdAt: createdAt(),
});

export const committees = pgTable('committees', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** The body that adopts texts, as printed in headings: "122nd IPU Assembly". */
  sessionLabel: text('session_label').notNull().default(''),
  place: text('place').notNull().default(''),
  createdAt: createdAt(),
});

export const delegations = pgTable(
  'delegations',
  {
    id: id(),
    committeeId: uuid('committee_id').notNull().references(() => committees.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Vote weight (the IPU weights votes by population); 1 when votes are not weighted. */
    voteWeight: integer('vote_weight').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('delegations_committee_name').on(t.committeeId, t.name)],
);

export const ROLES = ['chair', 'secretariat', 'member', 'observer'] as const;

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    committeeId: uuid('committee_id').notNull().references(() => committees.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    delegationId: uuid('delegation_id').references(() => delegations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_committee_user').on(t.committeeId, t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token: tokens are 256-bit random, so a slow hash adds nothing. */
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters, to tell tokens apart in lists without revealing them. */
    prefix: text('prefix').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

export const STAGE_VALUES = ['drafting', 'amendments', 'voting', 'adopted', 'withdrawn'] as const;

export const resolutions = pgTable(
  'resolutions',
  {
    id: id(),
    committeeId: uuid('committee_id').notNull().references(() => committees.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    sessionLabel: text('session_label').notNull().default(''),
    place: text('place').notNull().default(''),
    enactingFormula: text('enacting_formula').notNull().default(''),
    stage: text('stage', { enum: STAGE_VALUES }).notNull().default('drafting'),
    /** Adoption, when recorded: method, date and the counts of a vote. */
    adoption: jsonb('adoption'),
    adoptedOn: date('adopted_on'),
    tablingDeadline: timestamp('tabling_deadline', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resolutions_committee').on(t.committeeId)],
);

/** Append-only log of Yjs updates: an update is here before anyone else receives it. */
export const docUpdates = pgTable(
  'doc_updates',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    resolutionId: uuid('resolution_id').notNull().references(() => resolutions.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    /** Who sent it, when known (technical corrections after drafting are attributed). */
    userId: uuid('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('doc_updates_resolution_seq').on(t.resolutionId, t.seq)],
);

/** Compacted state: every update with seq ≤ upToSeq is merged into state. */
export const docSnapshots = pgTable('doc_snapshots', {
  resolutionId: uuid('resolution_id').primaryKey().references(() => resolutions.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  upToSeq: bigint('up_to_seq', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Named versions: by hand, at each stage change, at adoption. */
export const versions = pgTable(
  'versions',
  {
    id: id(),
    resolutionId: uuid('resolution_id').notNull().references(() => resolutions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 'manual' | 'stage' | 'amendment' | 'adoption' | 'import' */
    reason: text('reason').notNull().default('manual'),
    state: bytea('state').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('versions_resolution').on(t.resolutionId)],
);

/**
 * Every procedural act, chained by hash: each row's hash covers its content and the
 * previous row's hash, so changing or deleting a stored row breaks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    resolutionId: uuid('resolution_id'),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    details: jsonb('details').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_resolution').on(t.resolutionId)],
);

export const RESERVATION_KINDS = ['reservation', 'dissociation', 'interpretative_statement'] as const;

/** A delegation's reservation, dissociation or interpretative statement on a paragraph or the whole text. */
export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    resolutionId: uuid('resolution_id').notNull().references(() => resolutions.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id').notNull().references(() => delegations.id, { onDelete: 'cascade' }),
    /** Stable paragraph id; null for the whole text. Its number is computed at publication. */
    paragraphId: text('paragraph_id'),
    kind: text('kind', { enum: RESERVATION_KINDS }).notNull(),
    text: text('text').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('reservations_resolution').on(t.resolutionId)],
);

/** Key/value settings of this installation (e.g. a generated auth secret). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  committee: one(committees, { fields: [memberships.committeeId], references: [committees.id] }),
  delegation: one(delegations, { fields: [memberships.delegationId], references: [delegations.id] }),
}));

export type User = typeof users.$inferSelect;
export type Committee = typeof committees.$inferSelect;
export type Delegation = typeof delegations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Resolution = typeof resolutions.$inferSelect;
export type Version = typeof versions.$inferSelect;
export type Reservation = typeof reservations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
