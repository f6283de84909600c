/**
 * The amendment procedure, one act per file: draft → (edit, rewrite, co-sponsors) → table →
 * (withdraw | rule | decide). Adapters call them as `execute(amendments.table, …)`.
 */
export { draftAmendment as draft } from './draft-amendment';
export { editAmendment as edit, rewriteAmendment as rewrite } from './edit-amendment';
export { inviteCoSponsor, removeCoSponsor } from './cosponsors';
export { tableAmendment as table } from './table-amendment';
export { withdrawAmendment as withdraw } from './withdraw-amendment';
export { ruleAmendment as rule } from './rule-amendment';
export { decideAmendment as decide } from './decide-amendment';
export { setTablingDeadline, setVotingOrder } from './schedule';
export { answerCoSponsorship } from './cosponsorship-answer';
