/**
 * Every use case, and from where it is reached: the API (a route handler), the CLI (a
 * command), or one of them on purpose, with the reason. tests/architecture checks that
 * this list is complete and true.
 */
export type Reach =
  | { api: true; cli: true }
  | { api: true; cli: false; why: string }
  | { api: false; cli: true; why: string };

const both: Reach = { api: true, cli: true };
const apiOnly = (why: string): Reach => ({ api: true, cli: false, why });

const LIVE = 'the wording is co-edited live in the draft editor; scripts draft anew';
const FLOOR = 'done in the room, from the web page or a script over the API';

export const CATALOGUE: Record<string, Record<string, Reach>> = {
  amendments: {
    draft: both,
    edit: apiOnly(LIVE),
    rewrite: apiOnly(LIVE),
    inviteCoSponsor: both,
    removeCoSponsor: both,
    answerCoSponsorship: both,
    table: both,
    withdraw: both,
    rule: both,
    decide: both,
    setTablingDeadline: both,
    setVotingOrder: both,
  },
  resolutions: {
    createResolution: both,
    changeStage: both,
    adopt: apiOnly(FLOOR),
    publish: apiOnly('publication is checked and confirmed on the published page'),
    saveVersion: apiOnly('versions are named from the versions page'),
    restoreVersion: both,
  },
  reservations: {
    recordReservation: apiOnly(FLOOR),
    withdrawReservation: apiOnly(FLOOR),
  },
  votes: {
    openVote: apiOnly(FLOOR),
    castBallot: apiOnly('ballots are cast from the ballot sheet on each delegation’s phone'),
    closeVote: apiOnly(FLOOR),
  },
  roster: {
    addDelegation: both,
    updateDelegation: apiOnly('renaming and re-weighting are done on the committee page'),
    removeDelegation: apiOnly('removal is done on the committee page'),
    addMember: both,
    changeMember: both,
    removeMember: both,
  },
  tokens: {
    issueToken: both,
    revokeToken: both,
  },
  screen: {
    putOnScreen: apiOnly('the room’s screen is steered from the procedure panel during the meeting'),
  },
  account: {
    setLocale: both,
  },
};
