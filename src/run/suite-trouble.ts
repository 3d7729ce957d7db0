// The suite's own trouble: a VPC pair it could not lease, another test's leftovers it could not
// clear, a time limit of its own making. Such a test proved nothing about the server: it ends as
// an error of the run, named as such, and the requirements it was to check are not checked.
export class SuiteTrouble extends Error {
  override readonly name = 'SuiteTrouble';
}

/** What the reports see of an error carried from a worker: its name survives, its class does not. */
export const isSuiteTrouble = (error: { name?: string; message?: string }) =>
  error.name === 'SuiteTrouble' || /^Test timed out in \d+ms/.test(error.message ?? '');
