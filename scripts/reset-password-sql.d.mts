export const RESET_TTL_MS: number;
export interface ResetPasswordInput {
  id: string;
  tokenHash: string;
  email: string;
  now: number;
}
export function resetPasswordStatements(input: ResetPasswordInput): string[];
export function resetPasswordSql(input: ResetPasswordInput): string;
