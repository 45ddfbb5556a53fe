import { callCostUsd, compareDecimal, normalizeDecimal } from './decimal';

describe('callCostUsd', () => {
  it('prices a call exactly, to the last digit', () => {
    // 1234 × 0.15 + 567 × 0.60 = 185.1 + 340.2 = 525.3 per million tokens.
    expect(callCostUsd(1234, 567, { prompt: '0.15', completion: '0.60' })).toBe('0.0005253');
    expect(callCostUsd(1_000_000, 1_000_000, { prompt: '2.50', completion: '10.00' })).toBe('12.5');
  });

  it('keeps digits that a float would lose', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; 3 × 0.000001 + 7 × 1.333333333333 = 9.333336333331 exactly.
    expect(callCostUsd(1_000_000, 1_000_000, { prompt: '0.1', completion: '0.2' })).toBe('0.3');
    expect(callCostUsd(3, 7, { prompt: '0.000001', completion: '1.333333333333' })).toBe('0.000009333336333331');
  });

  it('sums to the cent over many calls', () => {
    const price = { prompt: '0.15', completion: '0.60' };
    const unitCost = callCostUsd(10_000, 5_000, price);
    expect(unitCost).toBe('0.0045');
    // 1000 such calls: 4.5 USD exactly.
    expect(callCostUsd(10_000_000, 5_000_000, price)).toBe('4.5');
  });

  it('is zero for a free model or no tokens', () => {
    expect(callCostUsd(500, 500, { prompt: '0', completion: '0' })).toBe('0');
    expect(callCostUsd(0, 0, { prompt: '3', completion: '15' })).toBe('0');
  });
});

describe('normalizeDecimal and compareDecimal', () => {
  it('drops trailing zeros', () => {
    expect(normalizeDecimal('0.00052530000000')).toBe('0.0005253');
    expect(normalizeDecimal('12.000')).toBe('12');
    expect(normalizeDecimal('0')).toBe('0');
  });

  it('compares exactly', () => {
    expect(compareDecimal('0.30', '0.3')).toBe(0);
    expect(compareDecimal('0.2999999999999999999', '0.3')).toBe(-1);
    expect(compareDecimal('10', '9.99')).toBe(1);
  });

  it('refuses what is not a non-negative decimal', () => {
    expect(() => normalizeDecimal('1e-7')).toThrow();
    expect(() => normalizeDecimal('-1')).toThrow();
  });
});
