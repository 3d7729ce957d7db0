// Why a test could not check anything, through no failure of its own: the suite's own trouble (a
// VPC pair it could not lease, a time limit of its own making), or the leftovers of another test
// that would not be deleted from the pair it leased. Either way it proved nothing about the server:
// the requirements it was to check are not checked, and the run says why, never blaming the server
// for what the test did not see.
export class SuiteTrouble extends Error {
  override readonly name = 'SuiteTrouble';
}

export class LeftoversInTheWay extends Error {
  override readonly name = 'LeftoversInTheWay';
}

export type NotRunBy = 'suite' | 'leftovers';

/** What the reports see of an error carried from a worker: its name survives, its class does not. */
export function notRunBy(error: { name?: string; message?: string }): NotRunBy | undefined {
  if (error.name === 'LeftoversInTheWay') return 'leftovers';
  if (error.name === 'SuiteTrouble' || /^Test timed out in \d+ms/.test(error.message ?? '')) return 'suite';
  return undefined;
}
