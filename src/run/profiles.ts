// How hard a run searches: `quick` for every deploy (each requirement still checked), `full` by
// default, `deep` for nightly runs. Example tests run the same in each; properties and the
// lifecycle model get more cases and longer sequences.
export interface Profile {
  name: 'quick' | 'full' | 'deep';
  propertyRuns: number;
  /** The fewest cases a property must complete for its requirements to be judged: fewer prove too
   * little, and leave them not checked. The time budget never stops a property before it. */
  minimumPropertyRuns: number;
  /** The most commands in one lifecycle sequence. */
  lifecycleLength: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  quick: { name: 'quick', propertyRuns: 10, minimumPropertyRuns: 5, lifecycleLength: 10 },
  full: { name: 'full', propertyRuns: 50, minimumPropertyRuns: 10, lifecycleLength: 15 },
  deep: { name: 'deep', propertyRuns: 500, minimumPropertyRuns: 50, lifecycleLength: 40 },
};

/** How long a property starts new runs once it has completed its minimum, unless --property-budget
 * says otherwise. Past it, the runs completed are what the property checked, and the run says how
 * many, per requirement: a distant endpoint gets fewer runs, never a failure. */
export const PROPERTY_BUDGET_MS = 60_000;
