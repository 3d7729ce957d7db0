// List: GET /v2.0/vpc/peerings. The client has already checked every reply's status, content
// type and body against the document; these tests state only the behaviour. Other tests create
// peerings in parallel, so each test reasons only about the peerings it made. Which peerings a
// list, filtered or not, must show is the model's (src/suite/test-model.ts); paging, markers and
// the values a query may hold are judged here and by src/model/allowed.ts.
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus, expectThat } from '../../src/suite/expect.ts';
import { nextMarker, olderState, wholeList } from '../../src/suite/api.ts';
import { TestModel } from '../../src/suite/test-model.ts';
import { expectUnknownMarkerAnswered, expectUnmatchableFilterAnswered, expectUnseenMarkerAnswered } from '../../src/model/allowed.ts';
import { serverChoices } from '../../src/model/choices.ts';

const ascending = (ids: string[]) => ids.every((id, i) => i === 0 || ids[i - 1]!.toLowerCase() < id.toLowerCase());

describe('list', () => {
  /**
   * PEER-LIST-001 (MUST) - family, "Operations" (list): list answers 200 with `peerings`, an
   * array of peerings.
   */
  test('answers 200 with a `peerings` array', { tags: ['PEER-LIST-001'] }, async ({ api }) => {
    expectStatus(await api.requester.list(), 200);
  });

  /** PEER-LIST-002 (MUST) - family, "Operations" (list): both the requesting and the accepting tenant see a peering. */
  test('both parties see a cross-project peering in their list', { tags: ['PEER-LIST-002'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.create('requester', 'cross', { name: api.name('both-see') });
    await model.expectListed(['requester', 'accepter']);
  });

  /** PEER-LIST-003 (MUST) - family, "Operations" (list): a tenant party to neither side does not see the peering. */
  test('a tenant party to neither side does not see the peering', { tags: ['PEER-LIST-003'] }, async ({ api }) => {
    void api.outsider;
    const model = new TestModel(api);
    const p = await model.create('requester', 'cross', { name: api.name('unseen') });
    // Lists may lag the create: only once the parties' lists show the peering would a leaking list show it too.
    await model.expectListed(['requester', 'accepter']);
    await model.expectListed(['outsider']);
    await model.expectListed(['outsider'], { id: p.id });
  });

  /**
   * PEER-LIST-004 (MUST) - family, "List parameters" (id, name, status): filtering by `id`,
   * `name` or `status` returns exactly the caller's peerings with that value.
   */
  test('filters by id, name and status', { tags: ['PEER-LIST-004'] }, async ({ api }) => {
    const model = new TestModel(api);
    const active = await model.create('requester', 'same', { name: api.name('filter-active') });
    const pending = await model.create('requester', 'cross', { name: api.name('filter-pending') });
    for (const filter of [{ id: active.id }, { name: pending.name }, { status: 'ACTIVE' }, { status: 'PENDING_ACCEPTANCE' }]) {
      await model.expectListed(['requester'], filter);
    }
  });

  /**
   * PEER-LIST-005 (MUST) - family, "List parameters" (tenant_id, vpc_id): filtering by `vpc_id`
   * or `tenant_id` returns only peerings with it on one side, and includes the caller's
   * peerings whose request side has it.
   */
  test('filters by vpc_id and tenant_id', { tags: ['PEER-LIST-005'] }, async ({ api }) => {
    const model = new TestModel(api);
    const pairs = [await api.lease('same'), await api.lease('cross')];
    for (const pair of pairs) await model.create('requester', pair, { name: api.name(`by-${pair.kind}`) });
    const vpcs = [...new Set(pairs.flatMap((p) => [p.requestVpc, p.acceptVpc]))];
    const filters = [...vpcs.map((vpc_id) => ({ vpc_id })), { tenant: 'requester' as const }, { tenant: 'accepter' as const }];
    for (const filter of filters) await model.expectListed(['requester', 'accepter'], filter);
  });

  /**
   * PEER-LIST-006 (MUST) - family, "List parameters" (limit, peerings_links): with `limit` n at
   * most n peerings are returned; when more remain, `peerings_links` holds a link with rel `next`.
   */
  test('limit caps the page, and a next link appears when more remain', { tags: ['PEER-LIST-006'] }, async ({ api }) => {
    const model = new TestModel(api);
    const name = api.name('paged');
    await model.create('requester', 'same', { name });
    await model.create('requester', 'cross', { name });
    await api.settled(async () => {
      const reply = await api.requester.list({ name, limit: 1 });
      const { peerings, peerings_links = [] } = expectStatus(reply, 200);
      expectThat(peerings.length <= 1, `limit=1 returned ${peerings.length} peerings`, reply, 'at most 1 peering');
      // A list that has not caught up with both creates has no second peering to link to.
      if (!peerings_links.some((l) => l.rel === 'next')) {
        olderState({
          title: 'a page cut short by limit has no next link',
          exchange: reply.exchange,
          expected: 'peerings_links with a link of rel "next", once the list shows both peerings of the name',
        });
      }
    });
  });

  /**
   * PEER-LIST-007 (MUST) - family, "List parameters" (marker, ascending order of ID): peerings
   * come in ascending order of `id`, and following the `next` links visits each exactly once.
   */
  test('lists in ascending id order, and the next links visit each peering once', { tags: ['PEER-LIST-007'] }, async ({ api }) => {
    const model = new TestModel(api);
    const name = api.name('walked');
    const mine: string[] = [];
    for (const kind of ['same', 'cross', 'cross'] as const) mine.push((await model.create('requester', kind, { name })).id);
    await api.settled(async () => {
      const all = await wholeList(api.requester);
      expectThat(
        ascending(all.peerings.map((p) => p.id)),
        'the list, page after page, is not in ascending order of id',
        all.last,
        'ids in ascending order',
      );

      const limit = 2;
      const visited: SchemaPeering[] = [];
      let reply = await api.requester.list({ name, limit });
      for (let pages = 1; ; pages++) {
        const { peerings, peerings_links = [] } = expectStatus(reply, 200);
        visited.push(...peerings);
        const ids = visited.map((p) => p.id);
        expectThat(
          ascending(ids),
          'the walk met an id twice or out of ascending order',
          reply,
          `ascending ids, none twice; so far ${ids.join(', ')}`,
        );
        if (!peerings_links.some((l) => l.rel === 'next')) break;
        expectThat(
          pages <= mine.length,
          `the next links go on past ${pages} pages of ${limit}`,
          reply,
          `next links that end within ${pages} pages for ${mine.length} peerings`,
        );
        const marker = nextMarker(peerings_links, api.target.baseUrl);
        expectThat(
          marker !== undefined,
          'the next link carries no marker',
          reply,
          'a next link with a `marker`, or an `href` with a marker query parameter',
        );
        reply = await api.requester.list({ name, limit, marker: marker! });
      }
      model.expectList('requester', { peerings: visited, last: reply }, { name });
      expectEqual(
        visited.map((p) => p.id),
        mine.sort(),
        "walking the next links did not visit exactly this test's peerings",
        reply,
      );
    });
  });

  /**
   * PEER-LIST-008 (MUST) - OTC pagination page: "If the marker value is invalid, error code 400
   * will be returned." Whether a well-formed marker naming no peering is invalid is left open
   * (SILENCE-021): refused with 400, never another code, or taken as a place in the order of IDs.
   */
  test(
    'a marker that names no peering is refused with 400 or read as a place in the order of IDs',
    { tags: ['PEER-LIST-008'] },
    async ({ api }) => {
      // After the last ID there can be: a list that shows this test's peerings ignored the marker.
      const model = new TestModel(api);
      for (const kind of ['same', 'cross'] as const) await model.create('requester', kind, { name: api.name(`before-the-marker-${kind}`) });
      // Lists may lag the creates: only once the list shows them would an ignored marker show them.
      await model.expectListed(['requester']);
      const marker = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
      expectUnknownMarkerAnswered(await api.requester.list({ marker }), marker, serverChoices);
    },
  );

  /**
   * PEER-LIST-003 (MUST) - a tenant sees only the peerings it is a party to, with a marker too.
   * A marker naming a peering the caller cannot see is left open (SILENCE-004): refused as
   * invalid, or taken as a place in the order of IDs; either way the list shows nothing of it.
   */
  test(
    'a marker naming a peering the caller cannot see is refused or shows nothing of it',
    { tags: ['PEER-LIST-003'] },
    async ({ api }) => {
      const { id } = await new TestModel(api).create('requester', 'same', { name: api.name('not-the-accepters') });
      expectUnseenMarkerAnswered(await api.accepter.list({ marker: id }), id, serverChoices);
    },
  );

  /**
   * PEER-LIST-009 (MUST) - list page, Table 1: "The value is from 0 to 2000." A limit within, and
   * a name of 64 characters, are answered. A limit outside is left open (SILENCE-007): refused
   * with 400, or read as the server reads it; until 2025 the page allowed up to 2^31-1.
   */
  test('answers a limit of 0 to 2000, and a limit outside with 200 or 400', { tags: ['PEER-LIST-009'] }, async ({ api }) => {
    const within: Record<string, string>[] = [{ limit: '0' }, { limit: '2000' }, { name: api.nameOfLength(64) }];
    for (const query of within) {
      expectStatus(await api.requester.listRaw(query), 200, `a list query within bounds, ${JSON.stringify(query)}, was refused`);
    }
    for (const limit of ['-1', '2001', 'abc', '1.5']) {
      const reply = await api.requester.listRaw({ limit });
      if (reply.status === 200) continue;
      expectRefused(reply, 'PEER-LIST-009');
    }
  });

  /**
   * PEER-LIST-004 (MUST) - a filter returns exactly the caller's peerings with that value. A value
   * no peering can have (a status outside the five, a name over 64 characters) is left open
   * (SILENCE-006): refused with 400, or answered with an empty list, each filter its own way.
   */
  test('a filter value no peering can have is refused with 400 or matches nothing', { tags: ['PEER-LIST-004'] }, async ({ api }) => {
    await new TestModel(api).create('requester', 'same', { name: api.name('unmatched') });
    const unmatchable: ({ status: string } | { name: string })[] = [{ status: 'ACCEPTED' }, { name: api.nameOfLength(65) }];
    for (const query of unmatchable) expectUnmatchableFilterAnswered(await api.requester.listRaw(query), query, serverChoices);
  });
});
