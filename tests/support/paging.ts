// Where the next page of a list starts. The list page writes a next link as `href` (with the
// marker in its query); the vendor's generic pagination page writes it as `marker` alone. Both
// occur in the vendor's own docs, so a server may use either, and a client reads both.
import type { SchemaLink } from '../../generated/vpc-peering.ts';

/** The marker that continues the list, or undefined when no link has rel `next` or it names no marker. */
export function nextMarker(links: SchemaLink[] | undefined, baseUrl: string): string | undefined {
  const next = links?.find((link) => link.rel === 'next');
  if (!next) return undefined;
  return next.marker ?? (next.href === undefined ? undefined : new URL(next.href, baseUrl).searchParams.get('marker') ?? undefined);
}
