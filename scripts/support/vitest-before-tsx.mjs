// Loaded before tsx (package.json, "conformance"): vitest's own modules, several hundred of plain
// JavaScript, load in a third of the time when tsx's hooks are not yet there to see each one. A
// run imports vitest anyway; this moves half a second out of every start-up.
await import('vitest/node');
