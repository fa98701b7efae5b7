// Secrets: host tokens, seat tokens, edit tokens. Only their SHA-256 is kept; comparisons are constant-time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A url-safe random token; 24 bytes (32 characters) unless asked otherwise. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
