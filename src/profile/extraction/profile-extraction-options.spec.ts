import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfileExtractionOptions } from './profile-extraction-options';

describe('loadProfileExtractionOptions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-catalog-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('defaults to US numbers and the shipped home-energy catalog', () => {
    const options = loadProfileExtractionOptions({});
    expect(options.defaultRegion).toBe('US');
    expect(Object.keys(options.catalog.products)).toContain('solar panels');
    expect(Object.keys(options.catalog.services)).toContain('installation');
  });

  it('accepts a region in any case', () => {
    expect(loadProfileExtractionOptions({ PROFILE_DEFAULT_REGION: 'gb' }).defaultRegion).toBe('GB');
  });

  it.each(['XX', 'USA', '12'])('refuses the region %j, naming the variable', (region) => {
    expect(() => loadProfileExtractionOptions({ PROFILE_DEFAULT_REGION: region })).toThrow(/^PROFILE_DEFAULT_REGION must be a region libphonenumber-js knows/);
  });

  it('reads a catalog given inline or as a file', () => {
    const catalog = { products: { 'hot tubs': ['spa'] }, services: { delivery: [] } };
    expect(loadProfileExtractionOptions({ PROFILE_CATALOG: JSON.stringify(catalog) }).catalog).toEqual(catalog);
    expect(loadProfileExtractionOptions({ PROFILE_CATALOG: file('catalog.json', JSON.stringify(catalog)) }).catalog).toEqual(catalog);
  });

  it.each([
    ['invalid inline JSON', '{ "products": ', /^PROFILE_CATALOG \(inline JSON\) is not valid JSON/],
    ['a missing file', join(tmpdir(), 'no-such-catalog.json'), /^PROFILE_CATALOG file .* cannot be read/],
    ['a list', '{ "products": [], "services": {} }', /^PROFILE_CATALOG \(inline JSON\): products must be an object/],
    ['a missing kind', '{ "products": {} }', /^PROFILE_CATALOG \(inline JSON\): services must be an object/],
    ['an unknown key', '{ "products": {}, "services": {}, "brands": {} }', /unknown key "brands"/],
    ['a synonym that is not a string', '{ "products": { "solar": [1] }, "services": {} }', /products\["solar"\] must be an array of non-empty strings/],
  ])('refuses %s, naming the variable', (_, value, message) => {
    expect(() => loadProfileExtractionOptions({ PROFILE_CATALOG: value })).toThrow(message);
  });

  it('refuses a catalog file with a bad shape, naming the variable and the file', () => {
    const path = file('bad.json', '{ "products": { "": [] }, "services": {} }');
    expect(() => loadProfileExtractionOptions({ PROFILE_CATALOG: path })).toThrow(`PROFILE_CATALOG file ${path}: products has an empty canonical name`);
  });
});
