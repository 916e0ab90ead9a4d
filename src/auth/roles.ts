export type Role = 'owner' | 'manager' | 'staff';

export const ROLES: readonly Role[] = ['owner', 'manager', 'staff'];

export function parseRole(value: string): Role | null {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : null;
}

/** What each role may do; every non-public route names one of these. */
export const PERMISSIONS = {
  print: ['owner', 'manager', 'staff'],
  locations: ['owner', 'manager'],
  /** Creating and changing locations through the API: owner tokens only. */
  locationWrites: ['owner'],
  complaints: ['owner', 'manager'],
  reviews: ['owner', 'manager'],
  dashboard: ['owner', 'manager'],
  users: ['owner'],
  settings: ['owner'],
  tokens: ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where a person lands after signing in: staff cannot see the dashboard, so they start at printing. */
export function homeFor(role: Role): string {
  return can(role, 'dashboard') ? '/admin' : '/admin/print';
}
