import type { Role } from './roles';

export interface ApiTokenSummary {
  id: string;
  name: string;
  role: Role;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** One row of the people list: no password hash leaves this module through it. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
}
