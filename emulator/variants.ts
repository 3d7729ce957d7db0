// The emulator's variants by name, as `--emulator-variant NAME` starts one: the engine reaches
// them through this list and never imports a variant itself.
import { FAULTS } from './faults.ts';
import { INDEPENDENT } from './independent.ts';
import { MARKER_AS_POSITION } from './marker-as-position.ts';
import { MUTANTS } from './mutants.ts';
import { TOLERANT } from './tolerant.ts';
import type { Variant } from './variant.ts';

export const VARIANTS: Variant[] = [...MUTANTS, TOLERANT, INDEPENDENT, MARKER_AS_POSITION, ...FAULTS];

/** What a user may choose from, in one clause. */
export const VARIANT_CHOICES = `tolerant, independent, ${MARKER_AS_POSITION.name}, ${FAULTS.map((f) => f.name).join(', ')}, or a mutant listed by npm run mutants -- --list`;
