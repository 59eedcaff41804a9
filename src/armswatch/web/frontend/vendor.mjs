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

// package -> the self-contained browser files to serve, its licence file and any notice to keep with it
// (swagger-ui-dist: the bundle and its stylesheet only; /api/docs starts it from static/api-docs.js, never
// from its inline initializer, which the Content-Security-Policy would refuse)
const FILES = {
  cytoscape: { dist: ["dist/cytoscape.min.js"], licence: "LICENSE" },
  "chart.js": { dist: ["dist/chart.umd.min.js"], licence: "LICENSE.md" },
  "swagger-ui-dist": { dist: ["swagger-ui-bundle.js", "swagger-ui.css"], licence: "LICENSE", notice: "NOTICE" },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = [];
for (const [name, f] of Object.entries(FILES)) {
  const pkgDir = join(here, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const target = join(out, name);
  mkdirSync(target, { recursive: true });
  copyFileSync(join(pkgDir, f.licence), join(target, "LICENSE.txt"));
  if (f.notice) {
    copyFileSync(join(pkgDir, f.notice), join(target, "NOTICE.txt"));
  }
  for (const dist of f.dist) {
    const file = dist.split("/").pop();
    copyFileSync(join(pkgDir, dist), join(target, file));
    const sha256 = createHash("sha256").update(readFileSync(join(target, file))).digest("hex");
    manifest.push({ name, version: pkg.version, license: pkg.license, file: `${name}/${file}`, sha256 });
  }
}
writeFileSync(join(out, "VENDORED.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(manifest.map((m) => `${m.name} ${m.version} (${m.license}) -> static/vendor/${m.file}`).join("\n"));
