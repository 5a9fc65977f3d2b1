import { PlatformRole } from './permission';

/** The authenticated caller, as loaded by the JWT strategy from a live session. */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  platformRole: PlatformRole;
}
