// Plain-node entry for package.json scripts (`node scripts/models.mjs ...`): registers tsx's
// loader in-process, then runs scripts/models.ts. Same flags; see `--help`.
import { register } from 'tsx/esm/api';

register();
await import('./models.ts');
