/**
 * Secret ballots (issue 11 §2): while the vote is open, what is stored says which
 * delegations have voted, each choice sealed under a key kept outside the database
 * (db/ballot-seal.ts); at the close the choices are counted and the seals erased, leaving
 * the totals. A secret ballot, once cast, is final — and the ballot sheet says so before it
 * is cast.
 */
export const SECRET_BALLOT_FINAL =
  'Your delegation has already cast its secret ballot. A secret ballot cannot be changed: its choice was sealed when cast and is counted, without your delegation’s name, when the vote closes.';

/** Shown beside the ballot buttons of a secret vote, before anything is cast. */
export const SECRET_BALLOT_NOTICE =
  'Secret ballot: your choice is sealed and counted without your delegation’s name when the vote closes; it cannot be changed once cast.';
