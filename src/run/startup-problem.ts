// What keeps a run from starting, said in one sentence naming what to fix: the run prints it and
// exits 2, before any test, and certify makes no bundle of it.
export class StartupProblem extends Error {}
