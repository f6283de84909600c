/**
 * Secret ballots (issue 11 §2): what is stored says which delegations have voted and how
 * many votes each choice has, never which delegation chose what. Having kept no link, the
 * server cannot take a delegation's earlier choice back out of the totals, so a secret
 * ballot, once cast, is final — and the ballot sheet says so before it is cast.
 */
export const SECRET_BALLOT_FINAL =
  'Your delegation has already cast its secret ballot. A secret ballot cannot be changed: the choice is stored only in the totals, with nothing that links it to your delegation.';

/** Shown beside the ballot buttons of a secret vote, before anything is cast. */
export const SECRET_BALLOT_NOTICE =
  'Secret ballot: your choice is added to the totals without your delegation’s name, so it cannot be changed once cast.';
