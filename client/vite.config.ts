// The client's build: root is client/, output client/dist (served by scripts/start.ts in
// production). Phaser goes into its own chunk and is only fetched once a table opens, so the
// title screen (plain DOM) is interactive long before the renderer has downloaded.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { phaserSubset } from "./phaser-subset-plugin.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  // True only under `vite` (the dev server), whatever NODE_ENV says: the dev page then talks to the
  // game server on its own port, while a build is always served by the game server itself.
  define: { __DEV_SERVER__: JSON.stringify(command === "serve") },
  base: "./",
  publicDir: false,
  // `import * as Phaser from "phaser"` in the scenes: the subset of Phaser the table uses.
  plugins: [phaserSubset()],
  server: {
    port: Number(process.env.CLIENT_PORT ?? 5173),
    // shared/ lives beside client/; allow Vite to serve it in dev.
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "phaser", test: /[\\/]node_modules[\\/]phaser[\\/]/ },
            { name: "net", test: /[\\/]node_modules[\\/](@colyseus|msgpackr)/ },
          ],
        },
      },
    },
  },
}));
