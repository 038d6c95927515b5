/**
 * `npm run setup:node-versions` (and so `npm run test:all`, first): installs the pinned Node builds of
 * package.json beside this file, from its package-lock.json, unless exactly those are installed
 * already (an install is about 370 MB on disk). Elsewhere than on Linux x64 it installs nothing and
 * says so: the runtime tests of those Node versions then fail and say why; the rest still runs.
 */
import { execFileSync } from 'node:child_process';
import { NODE_VERSIONS_DIR, pinnedNodes, SUPPORTED_PLATFORM } from './pins.js';

const pins = pinnedNodes();
const wanted = pins.map((pin) => `Node ${pin.version}`).join(', ');
const platform = `${process.platform}-${process.arch}`;

if (pins.every((pin) => pin.installed === pin.version)) {
  console.log(`setup:node-versions: ${wanted} installed`);
} else if (platform !== SUPPORTED_PLATFORM) {
  console.warn(`setup:node-versions: ${wanted} not installed: there are builds for ${SUPPORTED_PLATFORM} only, not ${platform}; their runtime tests will fail`);
} else {
  console.log(`setup:node-versions: installing ${wanted} into ${NODE_VERSIONS_DIR}/node_modules`);
  execFileSync('npm', ['ci', '--prefix', NODE_VERSIONS_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
