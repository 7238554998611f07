// Whether dist/ holds a build of the current sources; shared by bin/parallax.js and scripts/build.mjs.
import { existsSync, readdirSync, statSync } from 'node:fs';

/**
 * True when `root`/dist was built after the last change under `root`/src, or when there is no
 * src/ (the installed package ships dist/ alone). `npm run build` stamps dist/.built with the time
 * it started; any source file, or folder (a file deleted or renamed), newer than that makes the
 * build stale. About 2 ms for the few hundred files of src/.
 */
export function buildIsCurrent(root) {
  const src = new URL('src/', root);
  if (!existsSync(src)) return true;
  const stamp = new URL('dist/.built', root);
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  if (statSync(src).mtimeMs > built) return false;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}
