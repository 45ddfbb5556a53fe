import { SignJWT } from 'jose';

export const TEST_JWT_SECRET = 'continuum-test-secret-that-is-long-enough';

/** A bearer token for user `sub`, signed like the identity provider would. */
export async function userToken(sub: string, options: { secret?: string; expiresIn?: string } = {}): Promise<string> {
  const secret = new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(secret);
}

export async function bearer(sub: string): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await userToken(sub)}` };
}
