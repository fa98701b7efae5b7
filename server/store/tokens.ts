// Ids, secret tokens and their hashes. Only SHA-256 hashes of tokens are stored;
// a token is compared to a stored hash in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { STORE_TUNABLES } from './constants.ts';

/** A short random url-safe id (base64url, [A-Za-z0-9_-]). */
export function newId(bytes: number = STORE_TUNABLES.setIdBytes): string {
  return randomBytes(bytes).toString('base64url');
}

/** A secret url-safe token (base64url of `STORE_TUNABLES.tokenBytes` random bytes). */
export function newToken(bytes: number = STORE_TUNABLES.tokenBytes): string {
  return randomBytes(bytes).toString('base64url');
}

/** Lowercase hex SHA-256 of the token's UTF-8 bytes: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `token` hashes to `storedHash`; the comparison takes the same time wherever they differ. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
