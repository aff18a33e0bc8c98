import { stat } from 'node:fs/promises';

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands quoted glob patterns (`'logs/**\/*.json.gz'`) the shell did not expand, in sorted order. A path
 * that exists is taken as it is, even if its name holds glob characters; a pattern that matches nothing is
 * kept, so reading it says "no such file".
 */
export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || !GLOB_CHARS.test(arg)) {
      out.push(arg);
      continue;
    }
    const exists = await stat(arg).then(
      () => true,
      () => false,
    );
    if (exists) {
      out.push(arg);
      continue;
    }
    // fast-glob loads only for a pattern (it is a fifth of the CLI's start-up time)
    const { default: fg } = await import('fast-glob');
    const matches = (await fg(arg, { onlyFiles: true, dot: false, followSymbolicLinks: false })).sort();
    out.push(...(matches.length > 0 ? matches : [arg]));
  }
  return out;
}
