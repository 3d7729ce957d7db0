// Lists as a client must read them: page by page, following `next` links to the end. The list page
// writes a next link as `href` (with the marker in its query); the vendor's generic pagination
// page writes it as `marker` alone. Both occur in the vendor's own docs, so a server may use
// either, and a client reads both. A real endpoint pages long lists (2000 a page unless `limit`
// says otherwise), so whoever needs a whole list walks it.
import type { SchemaLink, SchemaPeering, SchemaPeeringList } from '../../generated/vpc-peering.ts';
import type { ListQuery, PeeringClient, Reply } from './client.ts';
import { ConformanceFailure } from './failure.ts';

/** The marker that continues the list, or undefined when no link has rel `next` or it names no marker. */
export function nextMarker(links: SchemaLink[] | undefined, baseUrl: string): string | undefined {
  const next = links?.find((link) => link.rel === 'next');
  if (!next) return undefined;
  return next.marker ?? (next.href === undefined ? undefined : (new URL(next.href, baseUrl).searchParams.get('marker') ?? undefined));
}

/** Far more than any tenant of a test account holds, at 2000 a page: past it the links go round. */
const MAX_PAGES = 1000;
/** Walks begun again because the peering a marker named was deleted under them: other tests delete
 * all the time, but not this many times in a row. */
const MAX_WALKS = 10;

type Page = (reply: Reply<SchemaPeeringList>) => SchemaPeeringList;
type Walked = { peerings: SchemaPeering[]; last: Reply<SchemaPeeringList> };

/**
 * Every peering the query lists, page after page. `page` judges each answer and gives its body:
 * a test passes its status expectation, so that a refused page fails with its exchange.
 * `last` is the last page's reply, for a failure to show. A marker whose peering was deleted
 * between two pages is invalid by then, and 400 is what the pagination page gives an invalid
 * marker: the walk begins again. A 400 for a marker whose peering is still there is judged by
 * `page`, as any refusal.
 */
export async function everyPeering(client: PeeringClient, query: ListQuery, page: Page): Promise<Walked> {
  for (let walks = 1; ; walks++) {
    const walked = await walk(client, query, page);
    if (!('goneMarker' in walked)) return walked;
    if (walks === MAX_WALKS)
      throw new Error(
        `the peering the list's marker named was deleted under ${MAX_WALKS} walks of it in a row (last ${walked.goneMarker})`,
      );
  }
}

async function walk(client: PeeringClient, query: ListQuery, page: Page): Promise<Walked | { goneMarker: string }> {
  const peerings: SchemaPeering[] = [];
  const markers = new Set<string>();
  for (let reply = await client.list(query); ;) {
    const body = page(reply);
    peerings.push(...body.peerings);
    const marker = nextMarker(body.peerings_links, client.baseUrl);
    if (marker === undefined || body.peerings.length === 0) return { peerings, last: reply };
    if (markers.has(marker)) throw new Error(`the list's next links lead back to marker ${marker}: the list never ends`);
    if (markers.size === MAX_PAGES) throw new Error(`the list's next links did not end within ${MAX_PAGES} pages`);
    markers.add(marker);
    reply = await client.list({ ...query, marker });
    if (reply.status === 400 && (await isGone(client, marker))) return { goneMarker: marker };
  }
}

/** Whether a peering the caller was just listed is gone: show answers 404, or shows it DELETED while its delete completes. */
async function isGone(client: PeeringClient, id: string): Promise<boolean> {
  const shown = await client.show(id);
  return shown.status === 404 || (shown.status === 200 && shown.data?.peering.status === 'DELETED');
}

/** A test's whole list: each page must answer 200, or the test fails with that page's exchange. */
export const wholeList = (client: PeeringClient, query: ListQuery = {}) =>
  everyPeering(client, query, (reply) => {
    if (reply.status !== 200)
      throw new ConformanceFailure({ title: `list answered ${reply.status}`, exchange: reply.exchange, expected: '200' });
    return reply.data!;
  });
