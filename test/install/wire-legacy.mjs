// Wires Headroom into an app of the legacy frontend system made by @backstage/create-app
// --legacy, exactly as plugins/headroom/README.md ("Legacy frontend system") tells adopters:
// the four cards in the component overview, the SLO tab, and the three pages as routes.
//
//   node test/install/wire-legacy.mjs <app folder>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [app] = process.argv.slice(2);
if (!app) {
  console.error('usage: wire-legacy.mjs <app folder>');
  process.exit(2);
}

/** Inserts text before (or after) the first occurrence of anchor at or after start. */
function insert(source, anchor, text, { after = false, start = '' } = {}) {
  const from = start ? source.indexOf(start) : 0;
  const at = source.indexOf(anchor, from);
  if (from < 0 || at < 0)
    throw new Error(`anchor not found: ${start ? `${start} … ` : ''}${anchor}`);
  const pos = after ? at + anchor.length : at;
  return source.slice(0, pos) + text + source.slice(pos);
}

const lastImport = source => {
  const imports = [...source.matchAll(/^import [\s\S]*? from '[^']+';\n/gm)];
  return imports.at(-1)[0];
};

const entityPagePath = join(app, 'packages/app/src/components/catalog/EntityPage.tsx');
let entityPage = readFileSync(entityPagePath, 'utf8');
entityPage = insert(
  entityPage,
  lastImport(entityPage),
  `import {
  EntityHeadroomSloCard,
  EntityHeadroomSloContent,
  EntityHeadroomCostCard,
  EntityHeadroomCapacityCard,
  EntityHeadroomOptimisationCard,
} from '@headroom/plugin-headroom';
`,
  { after: true },
);
entityPage = insert(
  entityPage,
  '  </Grid>\n);',
  `    <Grid item md={6}><EntityHeadroomSloCard /></Grid>
    <Grid item md={6}><EntityHeadroomCostCard /></Grid>
    <Grid item md={6}><EntityHeadroomCapacityCard /></Grid>
    <Grid item md={6}><EntityHeadroomOptimisationCard /></Grid>
`,
  { start: 'const overviewContent' },
);
entityPage = insert(
  entityPage,
  '    </EntityLayout.Route>\n',
  `    <EntityLayout.Route path="/slos" title="SLOs">
      <EntityHeadroomSloContent />
    </EntityLayout.Route>
`,
  { after: true, start: 'const serviceEntityPage' },
);
writeFileSync(entityPagePath, entityPage);

const appPath = join(app, 'packages/app/src/App.tsx');
let appSource = readFileSync(appPath, 'utf8');
appSource = insert(
  appSource,
  lastImport(appSource),
  `import { HeadroomOverviewPage, HeadroomShowbackPage, HeadroomCapacityCoveragePage } from '@headroom/plugin-headroom';
`,
  { after: true },
);
appSource = insert(
  appSource,
  '  </FlatRoutes>',
  `    <Route path="/headroom" element={<HeadroomOverviewPage />} />
    <Route path="/headroom/showback" element={<HeadroomShowbackPage />} />
    <Route path="/headroom/capacity" element={<HeadroomCapacityCoveragePage />} />
`,
);
writeFileSync(appPath, appSource);
console.log(`wired Headroom into ${entityPagePath} and ${appPath}`);
