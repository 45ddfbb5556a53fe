import { hashCanonicalJson } from './canonical-json';

describe('hashCanonicalJson', () => {
  it('ignores the order of object keys, at every depth', () => {
    expect(hashCanonicalJson({ a: 1, b: { c: 2, d: [1, { e: 1, f: 2 }] } })).toBe(
      hashCanonicalJson({ b: { d: [1, { f: 2, e: 1 }], c: 2 }, a: 1 }),
    );
  });

  it('tells different values apart, including array order', () => {
    expect(hashCanonicalJson({ a: [1, 2] })).not.toBe(hashCanonicalJson({ a: [2, 1] }));
    expect(hashCanonicalJson({ a: '1' })).not.toBe(hashCanonicalJson({ a: 1 }));
  });
});
