// Debian's Chromium for the browser tests: /usr/bin/chromium, installed with apt-get when it is missing and
// this process may (root, with the Debian mirror reachable). Never a browser downloaded by an npm package.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Minutes apt-get may take to fetch and unpack Chromium (about 100 MB) before the tests give up on it. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export type ChromiumLookup = { path: string; reason: null } | { path: null; reason: string };

const found = (): string | undefined => CHROMIUM_PATHS.find((p) => existsSync(p));

export function findOrInstallChromium(): ChromiumLookup {
  const present = found();
  if (present) return { path: present, reason: null };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return { path: null, reason: 'no Chromium and no apt-get to install it (install Debian\'s chromium package)' };
  if (process.getuid?.() !== 0) return { path: null, reason: 'no Chromium, and not root to apt-get install chromium' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
    if (run.status !== 0) return { path: null, reason: `apt-get ${args.join(' ')} failed (${run.error?.message ?? run.stderr.trim().split('\n').pop()})` };
  }
  const installed = found();
  return installed ? { path: installed, reason: null } : { path: null, reason: 'apt-get install chromium ran but no chromium binary appeared' };
}
