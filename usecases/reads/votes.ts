/** Votes as the viewer sees them (a secret ballot's choices never leave the server). */
export { listVotes, presentVote, type PresentedVote } from '../../db/queries/votes';
