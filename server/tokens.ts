// Secrets: host tokens, seat tokens, edit tokens. Only their SHA-256 is kept; comparisons are constant-time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A url-safe random token; 24 bytes (32 characters) unless asked otherwise. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Equal in the same time whatever the strings: both are hashed first, so not even the length shows. */
export function tokensEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}
