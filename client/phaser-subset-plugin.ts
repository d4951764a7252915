// The build's way to Phaser: `import … from "phaser"` resolves to client/src/game/phaser-subset.js
// (only the parts the table draws with), which reaches Phaser's own sources through `phaser-src/…`
// (the package's `exports` map offers only its prebuilt bundles). Phaser's sources switch optional
// parts on `typeof FEATURE` checks that its own build replaces with constants; this does the same,
// so sound, the 3D camera and Facebook Instant Games are left out of the bundle. The Canvas renderer
// stays (2.5 KB gzip): deprecated in Phaser 4, but it still draws the table on a computer whose
// browser refuses WebGL (a blocklisted school GPU), where WebGL-only would draw nothing.
import type { Plugin } from "vite";
import { fileURLToPath } from "node:url";

const PHASER_SRC = fileURLToPath(new URL("../node_modules/phaser/src/", import.meta.url));
const SUBSET = fileURLToPath(new URL("./src/game/phaser-subset.js", import.meta.url));

/** What each of Phaser's build-time switches is set to in this client. */
export const PHASER_FEATURES: Record<string, boolean> = {
  WEBGL_RENDERER: true,
  CANVAS_RENDERER: true,
  WEBGL_DEBUG: false,
  FEATURE_SOUND: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
  EXPERIMENTAL: false,
};

export function phaserSubset(): Plugin {
  const switches = new RegExp(`typeof (${Object.keys(PHASER_FEATURES).join("|")})\\b`, "g");
  return {
    name: "phaser-subset",
    enforce: "pre",
    // The build only: the dev server serves Phaser's prebuilt ESM bundle (its sources are CommonJS,
    // which a browser cannot load unbundled), so `npm run dev:client` draws the same table.
    apply: "build",
    async resolveId(source, importer) {
      if (source === "phaser") return SUBSET;
      if (source.startsWith("phaser-src/")) return this.resolve(PHASER_SRC + source.slice("phaser-src/".length), importer, { skipSelf: true });
      return null;
    },
    transform(code, id) {
      if (!id.startsWith(PHASER_SRC) || !code.includes("typeof ")) return null;
      // `typeof X` becomes a constant: `if (typeof CANVAS_RENDERER)` then drops its branch (and its `require`).
      return { code: code.replace(switches, (_m, name: string) => String(PHASER_FEATURES[name])), map: null };
    },
  };
}
