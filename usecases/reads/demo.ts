/** The demo accounts the sign-in page offers when the data folder was seeded with them. */
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/commands/demo-seeder';
