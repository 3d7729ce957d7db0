// VPC pairs, leased so that no two tests hold a live peering on one pair at once, even from
// parallel files: a lease is a lock file created exclusively in the run's directory. A test that
// ends without confirming its peerings gone leaves their names beside the lock, so that the next
// holder deletes them, or fails naming them, before it uses the pair.
import { closeSync, existsSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import type { ResolvedTenant, TenantRole } from '../document/target-file.ts';
import { SuiteTrouble } from './suite-trouble.ts';

export type PairKind = 'same' | 'cross';

export interface VpcPair {
  kind: PairKind;
  /** The requester's VPC. */
  requestVpc: string;
  /** The peer VPC: the requester's own (`same`) or the accepter's (`cross`). */
  acceptVpc: string;
  acceptTenant: ResolvedTenant;
}

/** A peering a test could not confirm deleted when it ended, and so may still hold its pairs. */
export interface Leftover {
  id: string;
  role: TenantRole;
  test: string;
}

export interface Lease {
  pair: VpcPair;
  /** What the last holder left on the pair, if anything: to delete before the pair is used. */
  leftovers: Leftover[];
  /** Frees the pair, naming what may still be on it for the next holder. */
  release(leftovers?: Leftover[]): void;
}

/** Every pair the target's VPCs allow: each two of the requester's VPCs, and each requester VPC with each accepter VPC. */
export function pairsOf(requester: ResolvedTenant, accepter: ResolvedTenant): VpcPair[] {
  const same = requester.vpcIds.flatMap((a, i) =>
    requester.vpcIds.slice(i + 1).map((b) => ({ kind: 'same' as const, requestVpc: a, acceptVpc: b, acceptTenant: requester })),
  );
  const cross = requester.vpcIds.flatMap((a) =>
    accepter.vpcIds.map((b) => ({ kind: 'cross' as const, requestVpc: a, acceptVpc: b, acceptTenant: accepter })),
  );
  return [...same, ...cross];
}

const POLL_MS = 10;

export class Leases {
  constructor(
    private readonly dir: string,
    private readonly pairs: VpcPair[],
    private readonly waitMs = 120_000,
  ) {}

  /** The first free pair of a kind; waits, polling, until one is released, the deadline passes or the test is aborted. */
  async acquire(kind: PairKind, holder: string, signal?: AbortSignal): Promise<Lease> {
    const candidates = this.pairs.filter((p) => p.kind === kind);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      for (const pair of candidates) {
        const lock = join(this.dir, `${[pair.requestVpc, pair.acceptVpc].sort().join('+')}.lease`);
        try {
          closeSync(openSync(lock, 'wx'));
        } catch {
          continue;
        }
        const dirty = `${lock}.leftovers`;
        const leftovers: Leftover[] = existsSync(dirty) ? JSON.parse(readFileSync(dirty, 'utf8')) : [];
        return {
          pair,
          leftovers,
          release: (left = []) => {
            if (left.length) writeFileSync(dirty, JSON.stringify(left));
            else rmSync(dirty, { force: true });
            unlinkSync(lock);
          },
        };
      }
      signal?.throwIfAborted();
      if (Date.now() > deadline) {
        throw new SuiteTrouble(
          `${holder} waited ${this.waitMs / 1000} s for a free ${kind}-project VPC pair; all ${candidates.length} stayed leased`,
        );
      }
      await delay(POLL_MS);
    }
  }
}
