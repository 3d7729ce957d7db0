// What a server chose where the sources are silent (the `silences` of openapi/requirements.yaml).
// Any listed choice passes; once a server has made one, it is held to it for the rest of the test
// file, so a server is judged by consistency with itself, never by our emulator's taste.
import type { Reply } from '../http/client.ts';
import { fail } from '../suite/expect.ts';
import { silence } from '../document/document.ts';

export class ServerChoices {
  private readonly made = new Map<string, string>();

  /** The choice already seen at this point, if any. */
  at(point: string): string | undefined {
    silence(point);
    return this.made.get(point);
  }

  /** Records `choice` at `point`, or fails when the server chose otherwise before. */
  hold(point: string, choice: string, reply: Reply<unknown>): void {
    const { choices } = silence(point);
    if (!(choice in choices)) throw new Error(`"${choice}" is not one of the choices ${point} lists`);
    const earlier = this.at(point);
    if (earlier === undefined) this.made.set(point, choice);
    else if (earlier !== choice)
      fail(
        `the server chose "${choice}" at ${point}, where it chose "${earlier}" before`,
        reply,
        `"${earlier}", as before: the sources leave it open, but a server keeps to one choice`,
      );
  }
}

/** One per test file (each runs in its own worker). */
export const serverChoices = new ServerChoices();
