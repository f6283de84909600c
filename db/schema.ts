import { relations, sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  foreignKey,
  primaryKey,
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
import type { ScreenState } from '../lib/screen/content';

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
  /** The interface language the user chose ("en", "fr"); null follows the browser. */
  locale: text('locale'),
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
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Vote weight (the IPU weights votes by population); 1 when votes are not weighted. */
    voteWeight: integer('vote_weight').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('delegations_committee_name').on(t.committeeId, t.name)],
);

export const ROLES = ['chair', 'secretariat', 'member', 'observer', 'translator'] as const;

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
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
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
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

/**
 * A signed-in browser. The session cookie (a next-auth JWT) names its row by `sid`, and every
 * request checks that the row is still live, so signing out ends a copied cookie as well.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'credentials' or 'oidc': how this browser signed in. */
    method: text('method').notNull(),
    /** The provider's ID token (OIDC only): the id_token_hint that ends the provider's session too. */
    idToken: text('id_token'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * A single sign-on identity, linked to one Concord account. An identity is the provider's
 * (issuer, subject) pair, never an e-mail address: addresses change hands, subjects do not.
 */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    id: id(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The verified address the link was made by (for the record; never used to match again). */
    linkedEmail: text('linked_email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('oidc_identities_issuer_subject').on(t.issuer, t.subject),
    index('oidc_identities_user').on(t.userId),
  ],
);

export const STAGE_VALUES = ['drafting', 'amendments', 'voting', 'adopted', 'withdrawn'] as const;

export const resolutions = pgTable(
  'resolutions',
  {
    id: id(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    sessionLabel: text('session_label').notNull().default(''),
    place: text('place').notNull().default(''),
    enactingFormula: text('enacting_formula').notNull().default(''),
    /** As printed: "78/233" (General Assembly), "2799 (2025)" (Security Council, PACE); '' when none. */
    symbol: text('symbol').notNull().default(''),
    /** "(a), (b)" or "3.1, 3.2" (Council of Europe). */
    subparagraphNumbering: text('subparagraph_numbering', { enum: ['letter', 'decimal'] })
      .notNull()
      .default('letter'),
    /**
     * For a text imported as already adopted: the lines printed above and after it (heading,
     * symbol and title, "50th plenary meeting"…), republished as printed (PrintedFrame).
     */
    printedFrame: jsonb('printed_frame'),
    stage: text('stage', { enum: STAGE_VALUES }).notNull().default('drafting'),
    /** The original language (BCP 47): the one the text was drafted or imported in. */
    language: text('language').notNull().default('en'),
    /** Adoption, when recorded: method, date and the counts of a vote. */
    adoption: jsonb('adoption'),
    /** What the room's screen shows now; null until the chair or the secretariat puts something there. */
    screen: jsonb('screen').$type<ScreenState>(),
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
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    /** Who sent it, when known (technical corrections after drafting are attributed). */
    userId: uuid('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('doc_updates_resolution_seq').on(t.resolutionId, t.seq)],
);

/** Compacted state: every update with seq ≤ upToSeq is merged into state. */
export const docSnapshots = pgTable('doc_snapshots', {
  resolutionId: uuid('resolution_id')
    .primaryKey()
    .references(() => resolutions.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  upToSeq: bigint('up_to_seq', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Named versions: by hand, at each stage change, at adoption. */
export const versions = pgTable(
  'versions',
  {
    id: id(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
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

/**
 * A footnote as printed in an imported adopted text, kept whole so that publication prints
 * it again as it was: its marker, its words, and how many statements it held (the
 * reservations pointing at it). A note that records no statement (a vote's counts) has 0.
 */
export const footnotes = pgTable(
  'footnotes',
  {
    id: id(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    marker: text('marker').notNull(),
    text: text('text').notNull(),
    statements: integer('statements').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('footnotes_resolution_position').on(t.resolutionId, t.position)],
);

/** A delegation's reservation, dissociation or interpretative statement on a paragraph or the whole text. */
export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    /** Stable paragraph id; null for the whole text. Its number is computed at publication. */
    paragraphId: text('paragraph_id'),
    kind: text('kind', { enum: RESERVATION_KINDS }).notNull(),
    text: text('text').notNull(),
    /** The printed footnote this statement was imported from, and its place in it; null when recorded here. */
    footnoteId: uuid('footnote_id').references(() => footnotes.id, { onDelete: 'set null' }),
    footnoteOrder: integer('footnote_order'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('reservations_resolution').on(t.resolutionId)],
);

export const AMENDMENT_KINDS = ['modify', 'insert', 'delete', 'move'] as const;
export const AMENDMENT_STATUSES = [
  'draft',
  'tabled',
  'withdrawn',
  'inadmissible',
  'adopted',
  'rejected',
  'fallen',
] as const;

/** A proposed change to one paragraph (or a new paragraph), from draft to decision. */
export const amendments = pgTable(
  'amendments',
  {
    id: id(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    /** Tabling order within the resolution: 3 is printed "A/3". Null while a draft. */
    number: integer('number'),
    kind: text('kind', { enum: AMENDMENT_KINDS }).notNull(),
    /** The paragraph modified, deleted or moved (stable id). */
    targetParagraphId: text('target_paragraph_id'),
    /** Insert and move: where the paragraph goes. */
    anchorParagraphId: text('anchor_paragraph_id'),
    position: text('position', { enum: ['before', 'after'] }),
    newKind: text('new_kind', { enum: ['preambular', 'operative', 'subparagraph', 'subsubparagraph'] }),
    proposedText: text('proposed_text').notNull().default(''),
    /** The paragraph's text when the amendment was written (or last rebased). */
    baseText: text('base_text').notNull().default(''),
    baseHash: text('base_hash').notNull().default(''),
    rationale: text('rationale').notNull().default(''),
    sponsorDelegationId: uuid('sponsor_delegation_id')
      .notNull()
      .references(() => delegations.id),
    parentAmendmentId: uuid('parent_amendment_id'),
    status: text('status', { enum: AMENDMENT_STATUSES }).notNull().default('draft'),
    statusReason: text('status_reason'),
    /** Position set by the chair in the voting order; null = the suggested order. */
    votingPosition: integer('voting_position'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('amendments_resolution').on(t.resolutionId),
    uniqueIndex('amendments_resolution_number').on(t.resolutionId, t.number),
  ],
);

export const amendmentCosponsors = pgTable(
  'amendment_cosponsors',
  {
    amendmentId: uuid('amendment_id')
      .notNull()
      .references(() => amendments.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** Null while the delegation is only invited: it is listed and printed once one of its members accepts. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('amendment_cosponsors_pk').on(t.amendmentId, t.delegationId)],
);

/**
 * A draft amendment's wording as co-sponsors edit it live: the merged Yjs state of its
 * one-paragraph document (lib/amendments/draft-text.ts). amendments.proposed_text is kept
 * equal to the text of this state, so everything else reads the amendment as before.
 */
export const amendmentDrafts = pgTable('amendment_drafts', {
  amendmentId: uuid('amendment_id')
    .primaryKey()
    .references(() => amendments.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each amendment's own history: who did what, when. */
export const amendmentEvents = pgTable(
  'amendment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    amendmentId: uuid('amendment_id')
      .notNull()
      .references(() => amendments.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    details: jsonb('details').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('amendment_events_amendment').on(t.amendmentId)],
);

export const VOTE_METHODS = ['show_of_hands', 'recorded', 'roll_call', 'secret', 'electronic'] as const;
export const MAJORITY_RULES = ['simple', 'absolute', 'two_thirds'] as const;

/** A vote (poll) on an amendment, a paragraph (separate vote) or the whole text. */
export const votes = pgTable(
  'votes',
  {
    id: id(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    subjectKind: text('subject_kind', { enum: ['amendment', 'paragraph', 'resolution'] }).notNull(),
    amendmentId: uuid('amendment_id').references(() => amendments.id, { onDelete: 'set null' }),
    paragraphId: text('paragraph_id'),
    method: text('method', { enum: VOTE_METHODS }).notNull(),
    majority: text('majority', { enum: MAJORITY_RULES }).notNull().default('simple'),
    /** Minimum present and voting (delegations, or weight when weighted). */
    quorum: integer('quorum'),
    weighted: integer('weighted').notNull().default(0),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** Roll-call: the delegation drawn by lot to vote first. */
    rollCallFirstDelegationId: uuid('roll_call_first_delegation_id'),
    /** Show of hands: the counts the chair entered. */
    enteredCounts: jsonb('entered_counts'),
    /** Computed and stored at closing: totals, outcome, explanation. */
    result: jsonb('result'),
    openedBy: uuid('opened_by').references(() => users.id, { onDelete: 'set null' }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('votes_resolution').on(t.resolutionId),
    // One question before the floor at a time: two chairs' clicks racing cannot open two votes.
    uniqueIndex('votes_one_open_per_resolution').on(t.resolutionId).where(sql`status = 'open'`),
  ],
);

/**
 * One ballot per delegation per vote; replaced until the vote closes. For a secret vote the
 * row records that the delegation has voted (choice always null) and its choice sealed under
 * a key kept outside the database (`seal`, db/ballot-seal.ts), opened and erased only when
 * the vote closes: the choice is never written readable beside its name (issue 11 §2).
 */
export const ballots = pgTable(
  'ballots',
  {
    id: id(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    /** Always null for a secret vote (see above). */
    choice: text('choice', { enum: ['yes', 'no', 'abstain'] }),
    /** A secret vote's sealed choice while the vote is open; null otherwise. */
    seal: bytea('seal'),
    castBy: uuid('cast_by').references(() => users.id, { onDelete: 'set null' }),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ballots_vote_delegation').on(t.voteId, t.delegationId)],
);

/**
 * A resolution's version in another language (lib/languages): its own wording for each of
 * the original's paragraphs, by stable id, and its own words for the heading's body, the
 * enacting formula and the title. `official` versions must be complete and up to date
 * before the resolution is published.
 */
export const languageVersions = pgTable(
  'language_versions',
  {
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    official: boolean('official').notNull().default(false),
    title: text('title').notNull().default(''),
    /** The adopting body as printed in this language's heading: "122e Assemblée de l'UIP". */
    sessionLabel: text('session_label').notNull().default(''),
    enactingFormula: text('enacting_formula').notNull().default(''),
    /** The live room's merged Yjs state (`<resolution id>/<language>`), when it has been opened. */
    state: bytea('state'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.language] })],
);

/**
 * One paragraph's wording in a language version. `confirmedHash`/`confirmedText` are the
 * original paragraph's text when this wording was last written or confirmed: when the
 * original changes, the paragraph needs translation, and the change is shown as a redline.
 */
export const languageParagraphs = pgTable(
  'language_paragraphs',
  {
    resolutionId: uuid('resolution_id').notNull(),
    language: text('language').notNull(),
    paragraphId: text('paragraph_id').notNull(),
    text: text('text').notNull(),
    confirmedHash: text('confirmed_hash').notNull(),
    confirmedText: text('confirmed_text').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.resolutionId, t.language, t.paragraphId] }),
    foreignKey({
      columns: [t.resolutionId, t.language],
      foreignColumns: [languageVersions.resolutionId, languageVersions.language],
    }).onDelete('cascade'),
  ],
);

/**
 * A statement's words in another language (the delegation's own or the secretariat's
 * translation), with the delegation's name as that language writes it ("l'Iran
 * (République islamique d')"); confirmed against the statement's original words.
 */
export const reservationTranslations = pgTable(
  'reservation_translations',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    delegationName: text('delegation_name').notNull().default(''),
    confirmedHash: text('confirmed_hash').notNull(),
    confirmedText: text('confirmed_text').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.language] })],
);

/** An amendment's proposed text in another language, shown to readers of that language. */
export const amendmentTranslations = pgTable(
  'amendment_translations',
  {
    amendmentId: uuid('amendment_id')
      .notNull()
      .references(() => amendments.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    proposedText: text('proposed_text').notNull(),
    confirmedHash: text('confirmed_hash').notNull(),
    confirmedText: text('confirmed_text').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.amendmentId, t.language] })],
);

/**
 * The totals of secret ballots cast before choices were sealed (db/ballot-seal.ts), in the
 * unit of the vote's result (weight when weighted): such ballots carry no seal, and closing
 * adds these totals to the opened seals. Nothing writes them any more.
 */
export const voteTallies = pgTable('vote_tallies', {
  voteId: uuid('vote_id')
    .primaryKey()
    .references(() => votes.id, { onDelete: 'cascade' }),
  yes: integer('yes').notNull().default(0),
  no: integer('no').notNull().default(0),
  abstain: integer('abstain').notNull().default(0),
});

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
export type Session = typeof sessions.$inferSelect;
export type OidcIdentity = typeof oidcIdentities.$inferSelect;
export type Resolution = typeof resolutions.$inferSelect;
export type Version = typeof versions.$inferSelect;
export type Reservation = typeof reservations.$inferSelect;
export type Footnote = typeof footnotes.$inferSelect;
export type Amendment = typeof amendments.$inferSelect;
export type Vote = typeof votes.$inferSelect;
export type Ballot = typeof ballots.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type LanguageVersion = typeof languageVersions.$inferSelect;
