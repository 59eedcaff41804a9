// Copy the built front-end libraries from node_modules/ into ../static/vendor/ and write
// ../static/vendor/VENDORED.json (name, version, licence, file, sha256). Run after `npm ci`:
//
//     cd src/armswatch/web/frontend && npm ci && npm run vendor
//
// The copies are committed, so neither CI nor users need npm, and the dashboard works offline.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "vendor");

// package -> the self-contained browser build to serve, and its licence file
const FILES = {
  cytoscape: { dist: "dist/cytoscape.min.js", licence: "LICENSE" },
  "chart.js": { dist: "dist/chart.umd.min.js", licence: "LICENSE.md" },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = [];
for (const [name, f] of Object.entries(FILES)) {
  const pkgDir = join(here, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const target = join(out, name);
  mkdirSync(target, { recursive: true });
  const file = f.dist.split("/").pop();
  copyFileSync(join(pkgDir, f.dist), join(target, file));
  copyFileSync(join(pkgDir, f.licence), join(target, "LICENSE.txt"));
  const sha256 = createHash("sha256").update(readFileSync(join(target, file))).digest("hex");
  manifest.push({ name, version: pkg.version, license: pkg.license, file: `${name}/${file}`, sha256 });
}
writeFileSync(join(out, "VENDORED.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(manifest.map((m) => `${m.name} ${m.version} (${m.license}) -> static/vendor/${m.file}`).join("\n"));
