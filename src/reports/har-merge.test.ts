// The merged HAR: every entry of every run's file, in the order they started, one valid HAR 1.2 log.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir, writeJson } from '../../scripts/support/child-scripts.ts';
import { validateHar } from './har-validator.ts';
import { mergedHar } from './har-merge.ts';
import { MergeError } from './merge.ts';

const entry = (id: string, startedDateTime: string) => ({
  startedDateTime,
  time: 12,
  request: { method: 'GET', url: 'http://127.0.0.1:1/v2.0/vpc/peerings', httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
  response: {
    status: 200,
    statusText: '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: [],
    content: { size: 2, mimeType: 'application/json', text: '{}' },
    redirectURL: '',
    headersSize: -1,
    bodySize: 2,
  },
  cache: {},
  timings: { send: 0, wait: 10, receive: 2 },
  _id: id,
});
const har = (name: string, ...entries: ReturnType<typeof entry>[]) => ({ log: { version: '1.2', creator: { name, version: '1.0.0' }, entries } });

describe('the merged HAR', () => {
  it("holds every run's entries, in the order they started, as one valid HAR 1.2 log", () => {
    const dir = scratchDir();
    const first = writeJson(
      dir,
      'first.har',
      har('first', entry('r1-w1-000001', '2026-12-03T10:00:00.000Z'), entry('r1-w1-000002', '2026-12-03T10:00:02.000Z'), entry('r1-w1-000003', '2026-12-03T10:00:04.000Z')),
    );
    const second = writeJson(dir, 'second.har', har('second', entry('r2-w1-000001', '2026-12-03T10:00:01.000Z'), entry('r2-w1-000002', '2026-12-03T10:00:03.000Z')));
    const text = mergedHar([first, second]);
    const merged = JSON.parse(text);
    expect(merged.log.entries).toHaveLength(3 + 2);
    expect(merged.log.entries.map((e: { _id: string }) => e._id)).toEqual(['r1-w1-000001', 'r2-w1-000001', 'r1-w1-000002', 'r2-w1-000002', 'r1-w1-000003']);
    expect(merged.log.creator).toEqual({ name: 'first', version: '1.0.0' });
    expect(validateHar(merged), JSON.stringify(validateHar.errors)).toBe(true);
    // One entry a line, as a run writes it: grep finds an entry by its id.
    expect(text.split('\n').filter((line) => line.includes('"_id"'))).toHaveLength(5);
  });

  it('refuses a file that is not HAR, naming it', () => {
    const dir = scratchDir();
    const broken = writeJson(dir, 'broken.har', '{"log":');
    expect(() => mergedHar([broken])).toThrow(MergeError);
    expect(() => mergedHar([writeJson(dir, 'other.har', { log: {} })])).toThrow(new RegExp(`^${join(dir, 'other.har')} is not a HAR file`));
  });
});
