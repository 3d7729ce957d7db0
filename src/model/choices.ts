// What a server chose where the sources are silent (the `silences` of openapi/requirements.yaml).
// Any listed choice passes; once a server has made one, it is held to it for the rest of the test
// file, so a server is judged by consistency with itself, never by our emulator's taste. A choice
// is held within the class of request it was made for: where a silence lists classes (a status no
// peering can have, a name too long), a server may choose differently for each.
import type { SilenceId } from '../../generated/requirement-ids.ts';
import type { Reply } from '../http/client.ts';
import { fail } from '../suite/expect.ts';
import { silence } from '../document/document.ts';

export class ServerChoices {
  private readonly made = new Map<string, string>();

  /** The choice already seen at this point, within this class of request, if any. */
  at(point: SilenceId, within?: string): string | undefined {
    return this.made.get(keyOf(point, within));
  }

  /** Records `choice` at `point` for requests of class `within`, or fails when the server chose
   * otherwise before for that class. */
  hold(point: SilenceId, choice: string, reply: Reply<unknown>, within?: string): void {
    const { choices } = silence(point);
    if (!(choice in choices)) throw new Error(`"${choice}" is not one of the choices ${point} lists`);
    const key = keyOf(point, within);
    const earlier = this.made.get(key);
    if (earlier === undefined) this.made.set(key, choice);
    else if (earlier !== choice)
      fail(
        `the server chose "${choice}" at ${point}${within ? ` (${within})` : ''}, where it chose "${earlier}" before`,
        reply,
        `"${earlier}", as before: the sources leave it open, but a server keeps to one choice`,
      );
  }
}

/** A silence's point, and the class of request within it: named exactly when the silence lists classes. */
function keyOf(point: SilenceId, within: string | undefined): string {
  const { classes } = silence(point);
  if (classes && !(within !== undefined && within in classes))
    throw new Error(`${point} is held per class of request (${Object.keys(classes).join(', ')}), not for "${within}"`);
  if (!classes && within !== undefined) throw new Error(`${point} lists no classes of request, so none is "${within}"`);
  return within === undefined ? point : `${point} ${within}`;
}

/** One per test file (each runs in its own worker). */
export const serverChoices = new ServerChoices();
