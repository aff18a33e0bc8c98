// A garbage collection on demand, for threads that allocate almost nothing but large buffers: V8 frees those
// only when they pass its external-memory threshold, so tens of MiB of spent buffers would stay resident.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type: 'minor' | 'major' }) => void;
let gc: Gc | null | undefined;

/**
 * Collects now where V8 lets this process (it turns on `--expose-gc` for a context of its own); else does
 * nothing and memory stays as V8 paces it. `minor`: the young generation only (its spent buffers), cheap.
 */
export function collectGarbage(minor = false): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('gc');
      gc = typeof found === 'function' ? (found as Gc) : null;
    } catch {
      gc = null;
    }
  }
  if (minor) gc?.({ type: 'minor' });
  else gc?.();
}
