import { type PlatformConfig, signToken } from '@coe/platform';

/** The demo's users: a clerk, two finance officers (a payment run needs four eyes) and an auditor who reads. */
export type DemoTokens = { clerk: string; officerA: string; officerB: string; auditor: string };

export const DEMO_USERS = {
  clerk: { roles: ['mou-clerk'], sub: 'demo-mou-clerk' },
  officerA: { roles: ['finance-officer'], sub: 'demo-finance-officer-a' },
  officerB: { roles: ['finance-officer'], sub: 'demo-finance-officer-b' },
  auditor: { roles: ['auditor'], sub: 'demo-auditor' },
} as const;

/** Tokens the server built from the same config accepts: JWT_SECRET, or the development secret under DATA_DIR. */
export const demoTokens = async (
  config: Pick<PlatformConfig, 'jwt' | 'dataDir' | 'nodeEnv'>,
): Promise<DemoTokens> => ({
  clerk: await signToken(config, DEMO_USERS.clerk),
  officerA: await signToken(config, DEMO_USERS.officerA),
  officerB: await signToken(config, DEMO_USERS.officerB),
  auditor: await signToken(config, DEMO_USERS.auditor),
});
