import fs from 'node:fs';

/**
 * util-linux `setpriv`, which can set a parent-death signal before exec'ing a program. Node has
 * no prctl(PR_SET_PDEATHSIG) of its own. Undefined where it is not installed (e.g. macOS).
 */
export function findSetpriv(): string | undefined {
  return ['/usr/bin/setpriv', '/bin/setpriv'].find(p => fs.existsSync(p));
}
