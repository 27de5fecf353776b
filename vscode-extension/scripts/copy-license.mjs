// The .vsix carries the repository's license (vsce wants one next to package.json).
import { copyFileSync } from 'node:fs';
copyFileSync(new URL('../../LICENSE', import.meta.url), new URL('../LICENSE.txt', import.meta.url));
