import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('knows a verified token until its exp, and forgets it then', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('token-a', 'alice', 2_000);
    expect(tokens.userOf('token-a', 1_999_999)).toBe('alice');
    expect(tokens.userOf('token-a', 2_000_000)).toBeUndefined();
    expect(tokens.userOf('token-a', 1_000)).toBeUndefined();
  });

  it('knows only the exact token: a changed byte is unknown', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('header.payload.signature', 'alice', 4_000_000_000);
    expect(tokens.userOf('header.payload.signaturf')).toBeUndefined();
  });

  it('keeps at most 10,000 tokens, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens();
    for (let i = 0; i <= 10_000; i++) tokens.remember(`token-${i}`, `user-${i}`, 4_000_000_000);
    expect(tokens.userOf('token-0')).toBeUndefined();
    expect(tokens.userOf('token-1')).toBe('user-1');
    expect(tokens.userOf('token-10000')).toBe('user-10000');
  });
});
