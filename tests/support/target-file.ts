// The target file: how a run is pointed at a real endpoint. The emulator writes one so that
// anything can be pointed at it; the harness reads and checks it.

/** A secret given in the file itself, or the name of an environment variable holding it. */
export type Secret = string | { env: string };

export interface TenantEntry {
  projectId: string;
  token: Secret;
  vpcIds: string[];
}

export interface TargetFile {
  baseUrl: string;
  /** A project with at least 3 VPCs of its own; it makes the peering requests. */
  requester: TenantEntry;
  /** A project with at least 2 VPCs of its own; it accepts or rejects. */
  accepter: TenantEntry;
  /** Optional: a project party to nothing the run creates. */
  outsider?: Omit<TenantEntry, 'vpcIds'> & { vpcIds?: string[] };
}

export const TENANT_ROLES = ['requester', 'accepter', 'outsider'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];
