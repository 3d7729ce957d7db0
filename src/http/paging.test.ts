// Walking a paged list while others delete: a marker whose peering was deleted between two pages
// is refused as invalid (400), and the walk begins again; a 400 for a marker still there is no
// such race, and fails as the page's judge says.
import { describe, expect, it } from 'vitest';
import type { SchemaPeering, SchemaPeeringList } from '../../generated/vpc-peering.ts';
import type { PeeringClient } from './client.ts';
import { wholeList } from './paging.ts';
import { fakeReply } from './fake-reply.ts';
import { ConformanceFailure } from './failure.ts';

const peering = (id: string) => ({ id, status: 'ACTIVE' }) as SchemaPeering;
const reply = <T>(status: number, data?: T) => fakeReply('listVpcPeerings', status, data);

/** A server paging by one over `ids`; `deleted` lists the ids gone since the caller's first page. */
function pagingServer(ids: string[], deleted: Set<string>) {
  const lists: (string | undefined)[] = [];
  const client = {
    baseUrl: 'http://127.0.0.1',
    async list({ marker }: { marker?: string }) {
      lists.push(marker);
      const live = ids.filter((id) => !deleted.has(id) || lists.length === 1);
      const at = marker === undefined ? 0 : live.indexOf(marker) + 1;
      if (marker !== undefined && (at === 0 || deleted.has(marker))) return reply(400);
      const page = live.slice(at, at + 1);
      const more = at + 1 < live.length;
      return reply<SchemaPeeringList>(200, {
        peerings: page.map(peering),
        peerings_links: more ? [{ rel: 'next', marker: page[0]! }] : [],
      });
    },
    async show(id: string) {
      return deleted.has(id) ? reply(404) : reply(200, { peering: peering(id) });
    },
  };
  return { client: client as unknown as PeeringClient, lists };
}

describe('wholeList', () => {
  it('begins the walk again when the marker names a peering deleted since the page that gave it', async () => {
    const { client, lists } = pagingServer(['a', 'b', 'c'], new Set(['a']));
    const { peerings } = await wholeList(client);
    expect(peerings.map((p) => p.id)).toEqual(['b', 'c']);
    expect(lists).toEqual([undefined, 'a', undefined, 'b']);
  });

  it('fails on a 400 for a marker whose peering is still there', async () => {
    const { client } = pagingServer(['a', 'b'], new Set());
    const refusing = Object.assign(Object.create(client) as PeeringClient, {
      list: async ({ marker }: { marker?: string }) => (marker ? reply(400) : client.list({})),
    });
    await expect(wholeList(refusing)).rejects.toThrow(ConformanceFailure);
  });
});
