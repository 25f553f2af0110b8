/**
 * Writes the package manifest of the library build (dist-lib/package.json) from the root one: the root
 * package is the app, whose dependencies (React, transformers.js, ...) a library user must not install,
 * so the library is packed from dist-lib with onnxruntime-web as its only (peer) dependency.
 * Usage: tsx scripts/library/write-manifest.ts [outDir]
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.resolve(root, process.argv[2] ?? process.env.BUCKETWISE_LIB_OUT ?? 'dist-lib');
if (!existsSync(path.join(outDir, 'index.js')) || !existsSync(path.join(outDir, 'types/lib/index.d.ts'))) {
  console.error(`No library build in ${outDir}: run \`npm run build:lib\` (vite build + declarations) first.`);
  process.exit(1);
}
/**
 * tsc writes declarations with the source's extensionless relative imports ('./types'), which consumers
 * using Node's ESM resolution (moduleResolution node16/nodenext) refuse; name the files ('./types.js').
 */
function addDeclarationExtensions(dir: string): number {
  let changed = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      changed += addDeclarationExtensions(file);
      continue;
    }
    if (!file.endsWith('.d.ts')) continue;
    const before = readFileSync(file, 'utf8');
    const after = before.replace(
      /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
      (whole, lead: string, quote: string, spec: string) => {
        if (/\.(js|mjs|json)$/.test(spec)) return whole;
        const target = path.resolve(path.dirname(file), spec);
        if (existsSync(`${target}.d.ts`)) return `${lead}${quote}${spec}.js${quote}`;
        if (existsSync(path.join(target, 'index.d.ts'))) return `${lead}${quote}${spec}/index.js${quote}`;
        throw new Error(`${path.relative(outDir, file)} imports ${spec}, which has no declaration file.`);
      },
    );
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  return changed;
}
const rewritten = addDeclarationExtensions(path.join(outDir, 'types'));

const app = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  description: string;
  dependencies: Record<string, string>;
};
const ortVersion = app.dependencies['onnxruntime-web'];
const manifest = {
  name: 'bucketwise',
  version: app.version,
  description:
    'Bucketed static-shape sessions for onnxruntime-web: any input size, a few compiled shapes, on WebGPU or WASM',
  type: 'module',
  main: './index.js',
  types: './types/lib/index.d.ts',
  exports: {
    '.': { types: './types/lib/index.d.ts', default: './index.js' },
    './worker.js': './worker.js',
    './package.json': './package.json',
  },
  sideEffects: ['./worker.js'],
  files: ['index.js', 'worker.js', 'chunks', 'types', '*.map', 'README.md'],
  // A prerelease build of onnxruntime-web only satisfies a range that names it, hence the second part.
  peerDependencies: { 'onnxruntime-web': `>=1.22.0 || ${ortVersion}` },
  engines: { node: '>=20' },
};
writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// The package's README is the library guide.
copyFileSync(path.join(root, 'docs/LIBRARY.md'), path.join(outDir, 'README.md'));
console.log(`Named the files of relative imports in ${rewritten} declaration files.`);
console.log(
  `Wrote ${path.relative(root, outDir)}/package.json (bucketwise ${app.version}, peer onnxruntime-web ${manifest.peerDependencies['onnxruntime-web']})`,
);
